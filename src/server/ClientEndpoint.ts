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
import { degradedPlugin } from '../degraded/index.ts';
import { formatError } from './formatError.ts';
import { demandControlPlugin, type DemandControlPluginOptions } from './demandControlPlugin.ts';
import type { EdgeContext } from './EdgeContext.ts';
import { errorStatusPlugin } from './errorStatusPlugin.ts';

/** How one client's endpoint answers. */
export interface ClientEndpointOptions {
  readonly introspection: boolean;
  /** Entries of `extensions.degraded` listed one by one before they collapse per field. */
  readonly maxDegradedEntries: number;
  readonly demandControl: DemandControlPluginOptions;
}

/** A header of Apollo Server's CSRF prevention list, set by the edge (never by a caller's say-so) for a trusted query. */
const TRUSTED_QUERY_PREFLIGHT_HEADER = 'apollo-require-preflight';

/** What the edge made of a request before Apollo Server runs it. */
export interface ResolvedForEndpoint {
  /** The URL Apollo Server reads a GET's search from: a `documentId` replaced by its document's `query`. */
  readonly url: string;
  /** A published document (trusted), checked to be a query: no CSRF preflight header needed. */
  readonly knownQuery: boolean;
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
      // Automatic persisted queries would let a hash stand for a document the edge's limits never
      // saw with this request's variables: off until trusted documents replace them.
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
        // Costs ~0.5 ms per operation and the gateway sets no cache headers.
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
   * Executes one GraphQL-over-HTTP request whose body (if any) is already parsed, as the edge
   * resolved it ({@link ResolvedForEndpoint}; absent: as received).
   */
  async handle(req: IncomingMessage, res: ServerResponse, body: unknown, context: TContext, resolved?: ResolvedForEndpoint): Promise<void> {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    // The edge vouches for a trusted query: Apollo Server's CSRF check then lets its GET through.
    if (resolved?.knownQuery) headers.set(TRUSTED_QUERY_PREFLIGHT_HEADER, 'trusted-document');
    const url = resolved?.url ?? req.url ?? '/';
    const queryStart = url.indexOf('?');
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      headers,
      search: queryStart === -1 ? '' : url.slice(queryStart),
      body,
    };
    const response = await this.#server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => context });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}
