import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/http';
import type { Viewer, ViewerVerifier } from '../../auth/index.ts';
import type { ClientName } from '../../config/index.ts';
import { isGatewayError } from '../../errors/index.ts';
import { APP_VERSION_HEADER, sendGraphQLError, type GraphQLRoute, type SideHandler, type TrustedDocuments } from '../../server/index.ts';
import type { RequestContext } from '../../subgraphs/RequestContext.ts';
import type { LiveGateway } from '../LiveGateway.ts';
import { LiveRefusal } from '../LiveSource.ts';
import type { LiveConnections } from './LiveConnections.ts';
import { readLiveRequest } from './readLiveRequest.ts';
import { maxTimerMs, tokenExpiry } from './tokenExpiry.ts';

/** What the SSE endpoint needs from the gateway. */
export interface SseHandlerParts {
  readonly live: LiveGateway;
  /** The GraphQL routes by path: `/<client>/graphql/stream` is a route's path plus `/stream`. */
  readonly routes: ReadonlyMap<string, GraphQLRoute<ClientName, RequestContext>>;
  readonly verifier: ViewerVerifier;
  readonly appDocuments?: TrustedDocuments;
  readonly connections: LiveConnections;
}

/** The SSE endpoint: its side handler, and its stop. */
export interface SseEndpoint {
  readonly handler: SideHandler;
  /** Ends every open stream after its in-flight events (at most `graceMs`); new ones get 503. */
  stop(graceMs: number): Promise<void>;
}

/** The path suffix of the SSE endpoint under a client's GraphQL path. */
export const ssePathSuffix = '/stream';

/** What the edge decided about one SSE request, for graphql-sse's hooks. */
interface SseRequest {
  readonly route: GraphQLRoute<ClientName, RequestContext>;
  readonly viewer: Viewer;
  readonly res: ServerResponse;
}

/**
 * GraphQL over SSE (graphql-sse, "distinct connections" mode) at `/<client>/graphql/stream`, for
 * apps behind proxies that break WebSockets: one POST per subscription (`accept: text/event-stream`,
 * the operation in the JSON body, the token in `Authorization`, verified like a query's: 401/403
 * before any stream). Each event is a `next` message; the stream ends with `complete`.
 */
export function createSseHandler(parts: SseHandlerParts): SseEndpoint {
  const requests = new WeakMap<IncomingMessage, SseRequest>();
  const open = new Set<ServerResponse>();
  let stopping = false;
  const config = parts.live.config;
  const sse = createHandler({
    // Distinct connections only: no stream reservations by token.
    authenticate: () => undefined,
    async onSubscribe(req, params): Promise<ExecutionResult | AsyncIterable<ExecutionResult>> {
      const edge = requests.get(req.raw);
      if (!edge) return refused([new GraphQLError('No live request state.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
      try {
        const request = readLiveRequest({ route: edge.route, payload: params, url: req.url, appVersion: req.raw.headers[APP_VERSION_HEADER], appDocuments: parts.appDocuments });
        const subscription = await parts.live.subscribe(
          {
            client: edge.route.name,
            viewer: edge.viewer,
            onOverflow: () => edge.res.destroy(),
          },
          request,
        );
        // Messages are formatted results already; graphql-sse sends them as they are.
        return subscription as unknown as AsyncIterable<ExecutionResult>;
      } catch (error) {
        if (error instanceof LiveRefusal) return refused(error.errors);
        if (isGatewayError(error)) return refused([new GraphQLError(error.message, { extensions: { code: error.code } })]);
        throw error;
      }
    },
    onNext(_ctx, req) {
      const edge = requests.get(req.raw);
      // A reader too slow for its stream: dropped; it reconnects for the current state.
      if (edge && edge.res.writableLength > config.maxBufferedBytes) edge.res.destroy();
    },
  });

  const handler: SideHandler = async (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (!path.endsWith(ssePathSuffix)) return false;
    const route = parts.routes.get(path.slice(0, -ssePathSuffix.length));
    if (!route) return false;
    res.setHeader('cache-control', 'private, no-store');
    if (stopping) {
      sendGraphQLError(res, 'NOT_READY', 'The gateway is stopping; reconnect to another replica.', { 'retry-after': '1' });
      return true;
    }
    let viewer: Viewer | null;
    try {
      viewer = await parts.verifier.verifyFor(req.headers.authorization, route.audience);
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      sendGraphQLError(res, error.code, error.message, error.code === 'UNAUTHENTICATED' ? { 'www-authenticate': 'Bearer realm="ride-bff"' } : {});
      return true;
    }
    if (!viewer) {
      sendGraphQLError(res, 'UNAUTHENTICATED', 'Sign in to subscribe: send "Authorization: Bearer <token>".', { 'www-authenticate': 'Bearer realm="ride-bff"' });
      return true;
    }
    if (!parts.connections.tryOpen()) {
      sendGraphQLError(res, 'OVERLOADED', 'Too many live connections on this gateway; try another or later.', { 'retry-after': '1' });
      return true;
    }
    open.add(res);
    // A stream lives no longer than its token: it ends at expiry, and the app reconnects with a fresh one.
    const expiresAt = tokenExpiry(req.headers.authorization);
    const expiry = expiresAt === undefined ? undefined : setTimeout(() => res.end(), Math.min(maxTimerMs, Math.max(0, expiresAt - Date.now())));
    expiry?.unref();
    res.once('close', () => {
      if (expiry) clearTimeout(expiry);
      open.delete(res);
      parts.connections.release();
    });
    requests.set(req, { route, viewer, res });
    await sse(req, res);
    return true;
  };

  return {
    handler,
    async stop(graceMs) {
      stopping = true;
      const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([parts.live.whenIdle(), grace]);
      for (const res of open) res.end();
    },
  };
}

/** A refused subscription: one result with the errors (graphql-sse sends it as `next`, then `complete`). */
function refused(errors: readonly GraphQLError[]): ExecutionResult {
  return { errors: [...errors] };
}
