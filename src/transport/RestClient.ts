import { Agent, type Dispatcher } from 'undici';
import { GatewayError, type ErrorCode } from '../errors/index.ts';
import { isConnectionError, readBoundedBody, TooLarge } from './httpBody.ts';
import { restStatusToCode } from './restStatusToCode.ts';
import type { AttemptTarget, RestRequest, Transport } from './types.ts';

/** Options of {@link RestClient}. */
export interface RestClientOptions {
  /** Registry service name, e.g. `riders`. */
  service: string;
  /** undici dispatcher; pass one shared {@link createRestAgent} for the whole gateway. Default: an own agent, closed by `close()`. */
  dispatcher?: Dispatcher;
  /** Clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Largest accepted response body, in bytes. Default 10 485 760 (10 MiB). */
  maxResponseBytes?: number;
}

/** A keep-alive undici agent (one connection pool per instance address, connections reused). */
export function createRestAgent(options: Agent.Options = {}): Agent {
  return new Agent({ keepAliveTimeout: 4_000, keepAliveMaxTimeout: 60_000, ...options });
}

/** Header carrying the remaining budget of the call, in milliseconds. */
export const DEADLINE_HEADER = 'x-deadline-ms';

/**
 * A REST/JSON service over undici: ONE attempt on the instance address it is given, aborted by the
 * signal it is given, telling the service its budget (time to the attempt's deadline) in
 * `x-deadline-ms`. No retry, no picking: `src/resilience` does those. Failures reject with a
 * `GatewayError` naming the service, never an address: refused/reset/closed/503 →
 * `SERVICE_UNAVAILABLE`, other 5xx → `UPSTREAM_ERROR`, 404 → `NOT_FOUND`, 409 → `CONFLICT`,
 * 400/422 → `BAD_REQUEST`, 413/414/431 → `UPSTREAM_REJECTED_REQUEST` (the caller's faults: see
 * `restStatusToCode`); an aborted attempt rejects with the signal's reason.
 */
export class RestClient implements Transport<RestRequest> {
  readonly service: string;
  readonly protocol = 'http' as const;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #now: () => number;
  readonly #maxResponseBytes: number;

  constructor(options: RestClientOptions) {
    if (typeof options.service !== 'string' || options.service === '') {
      throw new TypeError('RestClient: service must be a non-empty string.');
    }
    this.service = options.service;
    this.#ownsDispatcher = options.dispatcher === undefined;
    this.#dispatcher = options.dispatcher ?? createRestAgent();
    this.#now = options.now ?? Date.now;
    this.#maxResponseBytes = options.maxResponseBytes ?? 10 * 1024 * 1024;
  }

  /** Sends `request` to `target.address` once and resolves with the parsed JSON answer (`undefined` for an empty body). */
  async attempt<Res>(request: RestRequest, target: AttemptTarget): Promise<Res> {
    if (!request.path.startsWith('/')) {
      throw new GatewayError('INTERNAL_SERVER_ERROR', `RestClient(${this.service}): path must start with "/".`, {
        service: this.service,
      });
    }
    const path = withQuery(request.path, request.query);
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    return this.#send<Res>(request.method, path, body, target);
  }

  /** Closes the agent if this client created it. */
  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  async #send<Res>(method: RestRequest['method'], path: string, body: string | undefined, target: AttemptTarget): Promise<Res> {
    if (target.signal.aborted) throw target.signal.reason;
    const headers: Record<string, string> = {
      accept: 'application/json',
      [DEADLINE_HEADER]: String(Math.max(1, Math.floor(target.deadline - this.#now()))),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Dispatcher.ResponseData;
    try {
      response = await this.#dispatcher.request({
        origin: `http://${target.address}`,
        path,
        method,
        headers,
        body: body ?? null,
        signal: target.signal,
      });
    } catch (error) {
      if (target.signal.aborted) throw target.signal.reason;
      throw this.#transportError(error);
    }
    let text: string;
    try {
      text = await readBoundedBody(response.body, this.#maxResponseBytes);
    } catch (error) {
      if (error instanceof TooLarge) throw this.#error('UPSTREAM_ERROR', `${this.service} answered a body that is too large.`, error);
      if (target.signal.aborted) throw target.signal.reason;
      throw this.#transportError(error);
    }
    const status = response.statusCode;
    if (status >= 200 && status < 300) {
      if (text.trim() === '') return undefined as Res;
      try {
        return JSON.parse(text) as Res;
      } catch (error) {
        throw this.#error('UPSTREAM_ERROR', `${this.service} answered malformed JSON.`, error);
      }
    }
    const code = restStatusToCode(status);
    throw this.#error(code, this.#statusMessage(code, status, text));
  }

  #statusMessage(code: ErrorCode, status: number, text: string): string {
    if (code === 'SERVICE_UNAVAILABLE') return `${this.service} is unavailable (HTTP ${status}).`;
    if (code === 'UPSTREAM_ERROR') return `${this.service} answered with an error (HTTP ${status}).`;
    // 4xx answers describe the caller's request; the service's own message is useful and safe.
    const upstream = upstreamMessage(text);
    return upstream === undefined ? `${this.service} answered HTTP ${status}.` : `${this.service}: ${upstream}`;
  }

  #transportError(error: unknown): GatewayError {
    if (isConnectionError(error)) return this.#error('SERVICE_UNAVAILABLE', `${this.service} is unavailable.`, error);
    return this.#error('UPSTREAM_ERROR', `${this.service} failed.`, error);
  }

  #error(code: ErrorCode, message: string, cause?: unknown): GatewayError {
    return new GatewayError(code, message, { service: this.service, ...(cause === undefined ? {} : { cause }) });
  }
}

function withQuery(path: string, query: RestRequest['query']): string {
  if (query === undefined) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) params.append(key, String(value));
  const text = params.toString();
  if (text === '') return path;
  return `${path}${path.includes('?') ? '&' : '?'}${text}`;
}

/** `error.message` of a `{"error": {"code", "message"}}` body, truncated to 200 characters. */
function upstreamMessage(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } };
    const message = parsed.error?.message;
    if (typeof message === 'string' && message !== '') return message.length > 200 ? `${message.slice(0, 197)}...` : message;
  } catch {
    // Not our error shape.
  }
  return undefined;
}
