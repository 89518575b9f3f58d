import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultGate } from '../faults/FaultGate.ts';
import type { RequestCounter } from '../faults/RequestCounter.ts';
import type { ServiceServer } from '../instance/ServiceServer.ts';
import { HttpError } from './HttpError.ts';
import type { RestService } from './RestService.ts';
import { sendJson } from '../../http/sendJson.ts';
import { readJsonBody } from './readJsonBody.ts';

/** What an HTTP instance serves and how its faults and counts are kept. */
export interface HttpServiceServerOptions {
  host: string;
  service: RestService;
  gate: FaultGate;
  counter: RequestCounter;
}

/** Largest request body accepted, in bytes. */
const MAX_BODY_BYTES = 1_048_576;

/**
 * A REST service on node:http: JSON in and out, `GET /healthz`, and fault injection. `/healthz`
 * obeys the fault like any call (an instance in `error` mode is unhealthy) but is not counted.
 */
export class HttpServiceServer implements ServiceServer {
  readonly protocol = 'http' as const;
  readonly #options: HttpServiceServerOptions;
  readonly #server: Server;
  #port = 0;

  constructor(options: HttpServiceServerOptions) {
    this.#options = options;
    this.#server = createServer((req, res) => void this.#onRequest(req, res));
  }

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
      this.#server.listen(this.#port, this.#options.host, () => {
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

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://service');
    const health = url.pathname === '/healthz';
    if (!health) this.#options.counter.increment();
    const decision = this.#options.gate.decide();
    if (decision.kind === 'fail') {
      // `flaky` is a transient failure (503, worth a retry); `error` a broken one (500).
      const flaky = this.#options.gate.state.mode === 'flaky';
      sendJson(res, flaky ? 503 : 500, { error: { code: flaky ? 'UNAVAILABLE' : 'INTERNAL', message: `injected fault: ${this.#options.gate.state.mode}` } });
      return;
    }
    if (decision.delayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
      if (res.destroyed) return;
    }
    if (health) {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    try {
      const body = await readJsonBody(req, MAX_BODY_BYTES);
      const reply = this.#options.service.handle({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body });
      sendJson(res, reply.status, reply.body);
    } catch (error) {
      if (error instanceof HttpError) {
        sendJson(res, error.status, { error: { code: error.code, message: error.message } });
      } else {
        sendJson(res, 500, { error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } });
      }
    }
  }
}
