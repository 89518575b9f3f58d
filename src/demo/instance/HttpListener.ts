import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Protocol } from '../../registry/types.ts';
import type { ServiceServer } from './ServiceServer.ts';

/**
 * The {@link ServiceServer} lifecycle over node:http, shared by the REST and GraphQL services:
 * the first `start()` picks a free port and later ones reuse it, `halt()` resets every connection
 * (a crash), `stop()` drains within a grace period. Subclasses answer each request in `serve`.
 */
export abstract class HttpListener implements ServiceServer {
  readonly protocol: Protocol;
  readonly #host: string;
  readonly #server: Server;
  #port = 0;

  constructor(protocol: Protocol, host: string) {
    this.protocol = protocol;
    this.#host = host;
    this.#server = createServer((req, res) => void this.serve(req, res));
  }

  /** Answers one request; must not reject (it answers its own errors). */
  protected abstract serve(req: IncomingMessage, res: ServerResponse): Promise<void>;

  /** @inheritdoc */
  get port(): number {
    return this.#port;
  }

  /** @inheritdoc */
  get listening(): boolean {
    return this.#server.listening;
  }

  /** @inheritdoc */
  async start(): Promise<number> {
    if (this.#server.listening) return this.#port;
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.#server.once('error', onError);
      this.#server.listen(this.#port, this.#host, () => {
        this.#server.off('error', onError);
        resolve();
      });
    });
    this.#port = (this.#server.address() as AddressInfo).port;
    return this.#port;
  }

  /** @inheritdoc */
  async halt(): Promise<void> {
    if (!this.#server.listening) return;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  /** @inheritdoc */
  async stop(graceMs: number): Promise<void> {
    if (!this.#server.listening) return;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeIdleConnections();
    const timer = setTimeout(() => this.#server.closeAllConnections(), graceMs);
    await closed;
    clearTimeout(timer);
  }
}
