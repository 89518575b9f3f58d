import { isEtcdUrl, parseEtcdUrl } from './etcdLayout.ts';
import { RegistryClient, type RegistryClientOptions } from './RegistryClient.ts';
import type { Lease } from './types.ts';

/** What keeps one instance registered, whatever the registry: `RegistryClient` (HTTP) or `EtcdRegistrar` (etcd). */
export interface Registrar {
  /** The current lease, once registered. */
  readonly lease: Lease | undefined;
  /** Registers (retrying while the registry is unreachable), then keeps the registration alive; resolves with the first lease. */
  start(): Promise<Lease>;
  /** Deregisters (best effort, bounded) and stops. */
  stop(): Promise<void>;
}

/**
 * The registrar for `options.registryUrl`: `etcd://host:port[,host:port][/prefix/][?ttl=10]`
 * registers straight into etcd (an `EtcdRegistrar`, loaded only then; the token is not used: etcd
 * has its own access control), any `http(s)://` URL the registry HTTP API (a `RegistryClient`).
 * @throws TypeError for a malformed URL or token.
 */
export function createRegistrar(options: RegistryClientOptions): Registrar {
  if (!isEtcdUrl(options.registryUrl)) return new RegistryClient(options);
  const location = parseEtcdUrl(options.registryUrl);
  let inner: Registrar | undefined;
  let loading: Promise<Registrar> | undefined;
  let stopped = false;
  const load = (): Promise<Registrar> =>
    (loading ??= import('./EtcdRegistrar.ts').then(({ EtcdRegistrar }) => {
      inner = new EtcdRegistrar({
        location,
        registration: options.registration,
        ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
      });
      return inner;
    }));
  return {
    get lease() {
      return inner?.lease;
    },
    async start() {
      if (stopped) throw new Error('Registrar stopped before registering.');
      return (await load()).start();
    },
    async stop() {
      stopped = true;
      if (loading !== undefined) await (await loading).stop();
    },
  };
}
