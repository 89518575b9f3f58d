import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRegistryHttpHandler } from '../../src/registry/createRegistryHttpHandler.ts';
import { InstanceStore } from '../../src/registry/InstanceStore.ts';

/** A registry HTTP API of the test's own on loopback; see {@link startRegistry}. */
export interface RunningRegistry {
  readonly store: InstanceStore;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Heartbeats (PUTs) received so far. */
  heartbeats(): number;
  /** Closes the server and drops its connections; idempotent. */
  close(): Promise<unknown>;
}

/**
 * Serves the registry API over `store` (default: a fresh `InstanceStore`) with `token`, on `port`
 * (default 0: a free one; pass a closed registry's port to restart it there). Unknown paths are 404.
 */
export async function startRegistry(options: { port?: number; token?: string; store?: InstanceStore } = {}): Promise<RunningRegistry> {
  const store = options.store ?? new InstanceStore();
  const handle = createRegistryHttpHandler(store, { token: options.token ?? 'x' });
  let heartbeats = 0;
  const server: Server = createServer((req, res) => {
    if (req.method === 'PUT') heartbeats += 1;
    void handle(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  let closed: Promise<unknown> | undefined;
  const close = (): Promise<unknown> =>
    (closed ??= new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections();
    }));
  return { store, close, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, heartbeats: () => heartbeats };
}
