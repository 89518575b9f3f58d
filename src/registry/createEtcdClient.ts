import { ExponentialBackoff, noop, type IBackoff } from 'cockatiel';
import { Etcd3 } from 'etcd3';

/** How long one unary etcd call may take, in milliseconds. */
export const ETCD_CALL_TIMEOUT_MS = 2_000;

/**
 * An etcd client for discovery: unary calls time out after 2 s and are not retried by the client
 * (our own loops retry with backoff and report the failure); watch streams reconnect with a
 * 100 ms → 1 s backoff (etcd3's default grows to 30 s, which would leave a gateway blind long
 * after etcd returned); gRPC keepalive pings every 10 s (etcd's minimum is 5 s) notice a dead peer.
 */
export function createEtcdClient(endpoints: readonly string[]): Etcd3 {
  if (endpoints.length === 0) throw new TypeError('createEtcdClient: at least one endpoint is required.');
  return new Etcd3({
    hosts: [...endpoints],
    dialTimeout: ETCD_CALL_TIMEOUT_MS,
    faultHandling: {
      host: () => noop,
      global: noop,
      // etcd3 calls `next()` on it without a context, as it does with its own default (an ExponentialBackoff).
      watchBackoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 1_000 }) as unknown as IBackoff<unknown>,
    },
    grpcOptions: {
      'grpc.keepalive_time_ms': 10_000,
      'grpc.keepalive_timeout_ms': 3_000,
      'grpc.initial_reconnect_backoff_ms': 100,
      'grpc.max_reconnect_backoff_ms': 1_000,
    },
    defaultCallOptions: (context) => (context.isStream ? {} : { deadline: Date.now() + ETCD_CALL_TIMEOUT_MS }),
  });
}
