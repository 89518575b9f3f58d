import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { GatewayError } from '../../errors/index.ts';
import type { PlainRequestContext } from './PlainRequestContext.ts';

/** Options of {@link InterimRemoteDataSource}. */
export interface InterimRemoteOptions {
  /** The subgraph's name, for errors. */
  readonly subgraph: string;
  /** The URL of this fetch: fixed, or an instance picked from the registry. Throws GatewayError NO_INSTANCES when there is none. */
  readonly resolveUrl: () => string;
  /** Client request headers copied to the fetch (lower case). */
  readonly forwardHeaders: readonly string[];
}

/**
 * Plain mode's subgraph fetch until the remote data path (src/federation/remote) replaces it:
 * `@apollo/gateway`'s own `RemoteGraphQLDataSource`, pointed per fetch at a URL (a registry
 * instance for `registry://` subgraphs), with the configured client headers, and answering no
 * later than the request's deadline. No retries, breaker or per-field error paths: those are the
 * remote data path's.
 */
export class InterimRemoteDataSource extends RemoteGraphQLDataSource<PlainRequestContext> {
  readonly #options: InterimRemoteOptions;

  constructor(options: InterimRemoteOptions) {
    super();
    this.#options = options;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<PlainRequestContext>): void {
    if (!request.http) return;
    request.http = { method: request.http.method, url: this.#options.resolveUrl(), headers: request.http.headers };
    // Health checks have no request context.
    const headers = (context as Partial<PlainRequestContext>).headers;
    if (!headers) return;
    for (const name of this.#options.forwardHeaders) {
      const value = headers[name];
      if (value !== undefined) request.http.headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }

  override async process(options: GraphQLDataSourceProcessOptions<PlainRequestContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await this.#processWithinDeadline(options);
    } catch (error) {
      throw subgraphError(this.#options.subgraph, error);
    }
  }

  async #processWithinDeadline(options: GraphQLDataSourceProcessOptions<PlainRequestContext>): Promise<GatewayGraphQLResponse> {
    const signal = (options.context as Partial<PlainRequestContext>).signal;
    if (!signal) return super.process(options);
    if (signal.aborted) throw deadlineError(this.#options.subgraph, signal);
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_resolve, reject) => {
      onAbort = () => reject(deadlineError(this.#options.subgraph, signal));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([super.process(options), aborted]);
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
  }
}

/**
 * A failed fetch as the gateway records it (one error, no path): a GatewayError keeps its code, a
 * GraphQL error (a non-2xx answer) its own, anything else (connection refused, reset, not JSON) is
 * SERVICE_UNAVAILABLE without the address in the message.
 */
function subgraphError(subgraph: string, error: unknown): GraphQLError {
  if (error instanceof GatewayError) return new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, service: subgraph } });
  if (error instanceof GraphQLError) return error;
  return new GraphQLError(`The ${subgraph} subgraph could not be reached.`, { originalError: error as Error, extensions: { code: 'SERVICE_UNAVAILABLE', service: subgraph } });
}

/** Why a fetch stopped waiting: the request's deadline (or the caller went away). */
function deadlineError(subgraph: string, signal: AbortSignal): GatewayError {
  return signal.reason instanceof GatewayError
    ? new GatewayError(signal.reason.code, `${subgraph}: ${signal.reason.message}`, { service: subgraph })
    : new GatewayError('DEADLINE_EXCEEDED', `${subgraph}: the request ended before the subgraph answered.`, { service: subgraph });
}
