import { createServer, Socket, type Server } from 'node:net';

/** A TCP proxy on a free loopback port that can cut its clients off (a partition) while the target stays up. */
export interface TcpProxy {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** Stops listening and destroys every connection. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  heal(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a proxy to `127.0.0.1:<targetPort>`. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = (): Promise<void> =>
    new Promise((resolve) => {
      server = createServer((client) => {
        const upstream = new Socket();
        upstream.connect(targetPort, '127.0.0.1');
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        const address = server?.address();
        if (typeof address === 'object' && address !== null) port = address.port;
        resolve();
      });
    });
  const cut = async (): Promise<void> => {
    const closing = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };
  await listen();
  return { endpoint: `http://127.0.0.1:${port}`, cut, heal: listen, close: cut };
}
