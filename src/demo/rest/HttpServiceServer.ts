import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultGate } from '../faults/FaultGate.ts';
import { passFaultGate } from '../faults/passFaultGate.ts';
import type { RequestCounter } from '../faults/RequestCounter.ts';
import { HttpListener } from '../instance/HttpListener.ts';
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
export class HttpServiceServer extends HttpListener {
  readonly #options: HttpServiceServerOptions;

  constructor(options: HttpServiceServerOptions) {
    super('http', options.host);
    this.#options = options;
  }

  /** @inheritdoc */
  protected async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://service');
    const health = url.pathname === '/healthz';
    if (!health) this.#options.counter.increment();
    const outcome = await passFaultGate(this.#options.gate, res);
    if (outcome.kind === 'fail') {
      const { status, code, message } = outcome.failure;
      sendJson(res, status, { error: { code, message } });
      return;
    }
    if (outcome.kind !== 'serve') return;
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
