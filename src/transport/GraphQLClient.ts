import type { Dispatcher } from 'undici';
import { errorCodes, GatewayError, type ErrorCode } from '../errors/index.ts';
import { isConnectionError, readBoundedBody, TooLarge } from './httpBody.ts';
import { createRestAgent } from './RestClient.ts';
import { restStatusToCode } from './restStatusToCode.ts';
import type { AttemptTarget, GraphQLFetch, GraphQLFetchResult, RemoteGraphQLError, Transport } from './types.ts';

/** Options of {@link GraphQLClient}. */
export interface GraphQLClientOptions {
  /** The service (registry name) the subgraph runs as, e.g. `promotions`: named in every error. */
  readonly service: string;
  /** undici dispatcher; pass the gateway's shared keep-alive agent. Default: an own agent, closed by `close()`. */
  readonly dispatcher?: Dispatcher;
  /** Path when the instance registered none (`metadata.path`). Default `/graphql`. */
  readonly defaultPath?: string;
  /** Largest accepted answer, bytes. Default 10 485 760 (10 MiB): past it the fetch fails, unread. */
  readonly maxResponseBytes?: number;
  /** Clock, ms since the epoch. Default `Date.now`. */
  readonly now?: () => number;
}

/** Header carrying the time the subgraph has left to answer, in milliseconds. */
export const REQUEST_DEADLINE_HEADER = 'x-request-deadline-ms';

/**
 * A remote GraphQL subgraph over HTTP (POST JSON, undici keep-alive pools): ONE attempt on the
 * instance it is given, at the instance's registered `metadata.path` (over TLS when its `metadata.scheme` is `https`), telling the subgraph its
 * budget in `x-request-deadline-ms`. Resolves with the answer whenever the subgraph executed (or
 * refused) the operation as GraphQL, errors included: a GraphQL-over-HTTP 4xx with a GraphQL body,
 * and errors that blame the request (`BAD_USER_INPUT`, ...), are answers, never counted against
 * the service; so is any 2xx GraphQL response (its errors are the fields' business). Rejects with a
 * `GatewayError` naming the service when it did not answer as GraphQL: unreachable →
 * `SERVICE_UNAVAILABLE`; 5xx, a body over the limit, not JSON, not a GraphQL response →
 * `UPSTREAM_ERROR` (503 → `SERVICE_UNAVAILABLE`).
 */
export class GraphQLClient implements Transport<GraphQLFetch> {
  readonly service: string;
  readonly protocol = 'graphql' as const;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #defaultPath: string;
  readonly #maxResponseBytes: number;
  readonly #now: () => number;

  constructor(options: GraphQLClientOptions) {
    this.service = options.service;
    this.#ownsDispatcher = options.dispatcher === undefined;
    this.#dispatcher = options.dispatcher ?? createRestAgent();
    this.#defaultPath = options.defaultPath ?? '/graphql';
    this.#maxResponseBytes = options.maxResponseBytes ?? 10 * 1024 * 1024;
    this.#now = options.now ?? Date.now;
  }

  async attempt<Res>(request: GraphQLFetch, target: AttemptTarget): Promise<Res> {
    if (target.signal.aborted) throw target.signal.reason;
    const body = JSON.stringify({ query: request.query, operationName: request.operationName, variables: request.variables });
    let response: Dispatcher.ResponseData;
    try {
      response = await this.#dispatcher.request({
        origin: `${target.metadata?.scheme === 'https' ? 'https' : 'http'}://${target.address}`,
        path: target.metadata?.path ?? this.#defaultPath,
        method: 'POST',
        headers: {
          ...request.headers,
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          [REQUEST_DEADLINE_HEADER]: String(Math.max(1, Math.floor(target.deadline - this.#now()))),
        },
        body,
        signal: target.signal,
      });
    } catch (error) {
      if (target.signal.aborted) throw target.signal.reason;
      throw this.#unreachable(error);
    }
    let text: string;
    try {
      text = await readBoundedBody(response.body, this.#maxResponseBytes);
    } catch (error) {
      if (error instanceof TooLarge) throw this.#error('UPSTREAM_ERROR', `${this.service} answered more than ${this.#maxResponseBytes} bytes.`, error);
      if (target.signal.aborted) throw target.signal.reason;
      throw this.#unreachable(error);
    }
    return this.#read(response.statusCode, text) as Res;
  }

  /** Closes the agent if this client created it. */
  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  #read(status: number, text: string): GraphQLFetchResult {
    const serverFault = status >= 500 || status === 429;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      if (status >= 300) throw this.#statusError(status);
      throw this.#error('UPSTREAM_ERROR', `${this.service} answered something other than JSON.`, error);
    }
    const result = serverFault ? undefined : toGraphQLResult(parsed, status);
    if (result === undefined) {
      if (status >= 300) throw this.#statusError(status);
      throw this.#error('UPSTREAM_ERROR', `${this.service} answered JSON that is not a GraphQL response.`);
    }
    // A 4xx that is a GraphQL answer is one only when it blames the request (GraphQL over HTTP's 400).
    if (status >= 300 && !(result.errors ?? []).every(blamesRequest)) throw this.#statusError(status);
    return result;
  }

  #statusError(status: number): GatewayError {
    const code = restStatusToCode(status);
    const message = code === 'SERVICE_UNAVAILABLE' ? `${this.service} is unavailable (HTTP ${status}).` : `${this.service} answered HTTP ${status}.`;
    return this.#error(code, message);
  }

  #unreachable(error: unknown): GatewayError {
    return isConnectionError(error)
      ? this.#error('SERVICE_UNAVAILABLE', `${this.service} is unavailable.`, error)
      : this.#error('UPSTREAM_ERROR', `${this.service} failed.`, error);
  }

  #error(code: ErrorCode, message: string, cause?: unknown): GatewayError {
    return new GatewayError(code, message, { service: this.service, ...(cause === undefined ? {} : { cause }) });
  }
}

/** Whether a remote error blames the request (the error table's `client` codes: `BAD_USER_INPUT`, `FORBIDDEN`, ...). */
export function blamesRequest(error: RemoteGraphQLError): boolean {
  const code = error.extensions?.code;
  return typeof code === 'string' && code in errorCodes && errorCodes[code as ErrorCode].blame === 'client';
}

/** The answer as a GraphQL response, or `undefined` when its shape is not one. */
function toGraphQLResult(value: unknown, status: number): GraphQLFetchResult | undefined {
  if (!isRecord(value)) return undefined;
  const { data, errors } = value;
  if (data !== undefined && data !== null && !isRecord(data)) return undefined;
  if (errors !== undefined && (!Array.isArray(errors) || !errors.every(isRemoteError))) return undefined;
  if (data === undefined && errors === undefined) return undefined;
  return { status, ...(data === undefined ? {} : { data: data as Record<string, unknown> | null }), ...(errors === undefined ? {} : { errors: errors as RemoteGraphQLError[] }) };
}

function isRemoteError(value: unknown): value is RemoteGraphQLError {
  if (!isRecord(value) || typeof value.message !== 'string') return false;
  if (value.path !== undefined && !(Array.isArray(value.path) && value.path.every((key) => typeof key === 'string' || typeof key === 'number'))) return false;
  return value.extensions === undefined || isRecord(value.extensions);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
