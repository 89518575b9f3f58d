import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { FormattedExecutionResult } from 'graphql';
import { degradedPlugin } from '../degraded/index.ts';
import { formatError } from './formatError.ts';
import { demandControlPlugin, type DemandControlPluginOptions } from './demandControlPlugin.ts';
import type { EdgeContext } from './EdgeContext.ts';
import { errorStatusPlugin } from './errorStatusPlugin.ts';
import { decideCaching, type CachePolicy } from './httpCaching.ts';

/** What the edge decided about one request beyond its context. */
export interface HandleOptions {
  /** The GET search as the edge resolved it (an automatic persisted query's hash replaced by its text). Default: the URL's. */
  readonly search?: string;
  /** How long, and for whom, this GET's answer may be cached (src/cacheControl). Absent: never cached. */
  readonly cachePolicy?: CachePolicy;
  /** A published document (trusted), checked to be a query: no CSRF preflight header needed. */
  readonly knownQuery?: boolean;
}

/** The header Apollo Server's CSRF prevention accepts as the sign of a non-simple request. */
const TRUSTED_QUERY_PREFLIGHT_HEADER = 'apollo-require-preflight';

/** How one client's endpoint answers. */
export interface ClientEndpointOptions {
  readonly introspection: boolean;
  /** Entries of `extensions.degraded` listed one by one before they collapse per field. */
  readonly maxDegradedEntries: number;
  readonly demandControl: DemandControlPluginOptions;
}

/**
 * One GraphQL endpoint: an Apollo Server over a gateway (a client app's, or plain mode's), with an
 * opaque request context `TContext`. Every endpoint has the same plugins and error formatting.
 */
export class ClientEndpoint<TContext extends EdgeContext> {
  /** The client app it serves, or `plain`. */
  readonly name: string;
  readonly #server: ApolloServer<TContext>;

  constructor(name: string, gateway: GatewayInterface, options: ClientEndpointOptions) {
    this.name = name;
    this.#server = new ApolloServer<TContext>({
      gateway,
      introspection: options.introspection,
      // Tokens travel in Authorization, never in cookies; a GET carrying one is not a CSRF vector.
      csrfPrevention: { requestHeaders: ['authorization', 'x-apollo-operation-name', 'apollo-require-preflight'] },
      allowBatchedHttpRequests: false,
      // Automatic persisted queries are resolved at the edge, before the limits (automaticPersistedQuery.ts):
      // Apollo's own would let a hash stand for a document the limits never saw, so it stays off.
      persistedQueries: false,
      hideSchemaDetailsFromClientErrors: true,
      includeStacktraceInErrorResponses: false,
      stopOnTerminationSignals: false,
      formatError,
      plugins: [
        ApolloServerPluginLandingPageDisabled(),
        ApolloServerPluginUsageReportingDisabled(),
        ApolloServerPluginSchemaReportingDisabled(),
        ApolloServerPluginInlineTraceDisabled(),
        // Costs ~0.5 ms per operation; the edge derives cache headers itself (src/cacheControl, httpCaching.ts).
        ApolloServerPluginCacheControlDisabled(),
        degradedPlugin({ maxEntries: options.maxDegradedEntries }),
        demandControlPlugin(options.demandControl),
        errorStatusPlugin(),
      ],
    });
  }

  /** Loads the gateway (plans need the supergraph) and starts serving. */
  start(): Promise<void> {
    return this.#server.start();
  }

  /** Stops the server (and its gateway). */
  stop(): Promise<void> {
    return this.#server.stop();
  }

  /**
   * Executes one operation outside HTTP with the same plugins (degraded markers, demand control,
   * error formatting): a live subscription's read of its state (src/live). The caller has checked
   * the limits and built the context, as the edge does for a request.
   */
  async execute(request: { readonly query: string; readonly variables: Readonly<Record<string, unknown>>; readonly operationName?: string }, context: TContext): Promise<FormattedExecutionResult> {
    const response = await this.#server.executeOperation(
      { query: request.query, variables: { ...request.variables }, ...(request.operationName ? { operationName: request.operationName } : {}) },
      { contextValue: context },
    );
    if (response.body.kind !== 'single') throw new Error('An operation outside HTTP answered incrementally; live reads expect one result.');
    return response.body.singleResult;
  }

  /** Executes one GraphQL-over-HTTP request whose body (if any) is already parsed. */
  async handle(req: IncomingMessage, res: ServerResponse, body: unknown, context: TContext, options: HandleOptions = {}): Promise<void> {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    // The edge vouches for a trusted query: Apollo Server's CSRF check then lets its GET through.
    if (options.knownQuery) headers.set(TRUSTED_QUERY_PREFLIGHT_HEADER, 'trusted-document');
    const url = req.url ?? '/';
    const queryStart = url.indexOf('?');
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      headers,
      search: options.search ?? (queryStart === -1 ? '' : url.slice(queryStart)),
      body,
    };
    const response = await this.#server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => context });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      const ifNoneMatch = req.headers['if-none-match'];
      const caching = decideCaching(httpGraphQLRequest.method, options.cachePolicy, res.statusCode, response.body.string, ifNoneMatch);
      for (const [name, value] of Object.entries(caching.headers)) res.setHeader(name, value);
      if (caching.notModified) {
        res.statusCode = 304;
        res.removeHeader('content-length');
        res.removeHeader('content-type');
        res.end();
        return;
      }
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}
