import KeyvRedis, { createClient } from '@keyv/redis';
import { Keyv } from 'keyv';
import type { CacheConfig } from '../config/index.ts';
import { JitteredBackoff } from '../resilience/index.ts';

/** Redis reconnect delays: 100 ms × 2^n up to 2 s, ±20 % (the gateway's one jittered backoff). */
const reconnectBackoff = new JitteredBackoff({ initialMs: 100, maxMs: 2_000 });

/** A Keyv store and how to close it. */
export interface KeyvStore {
  readonly keyv: Keyv;
  /** `memory` or `redis`. */
  readonly kind: 'memory' | 'redis';
  /** Resolves true once the first connection is up, false if it failed (calls are misses until a reconnect succeeds). */
  readonly ready: Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The shared store: in-memory Keyv by default; with `redisUrl`, `@keyv/redis` over a client that
 * never queues commands while disconnected (`disableOfflineQueue`), gives up connecting after
 * `connectTimeoutMs`, does not throw on connect errors, and keeps reconnecting (2^n × 100 ms, at
 * most 2 s, ±20 %) so the cache comes back when Redis does. Errors surface as rejections
 * (`throwOnErrors`) for {@link GuardedCache} to count as misses. Keys are prefixed `<namespace>::`.
 */
export function createKeyv(config: Omit<CacheConfig, 'apq'>): KeyvStore {
  if (!config.redisUrl) {
    const keyv = new Keyv({ namespace: config.namespace });
    return { keyv, kind: 'memory', ready: Promise.resolve(true), close: async () => undefined };
  }
  const client = createClient({
    url: config.redisUrl,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: config.connectTimeoutMs,
      reconnectStrategy: (retries: number) => reconnectBackoff.delayMs(retries),
    },
  });
  const store = new KeyvRedis(client, {
    namespace: config.namespace,
    throwOnConnectError: false,
    throwOnErrors: true,
    connectionTimeout: config.connectTimeoutMs,
  });
  const keyv = new Keyv({ store, namespace: config.namespace, useKeyPrefix: false, throwOnErrors: true });
  // Connect now, not on the first cache call (which would spend its whole timeout connecting);
  // a Redis that is down at start is retried by the reconnect strategy.
  const ready = client.connect().then(
    () => true,
    () => false,
  );
  return {
    keyv,
    kind: 'redis',
    ready,
    async close() {
      try {
        // Also stops a reconnect loop when Redis never came up.
        client.destroy();
      } catch {
        // Closing a broken connection may throw; there is nothing left to release.
      }
    },
  };
}
