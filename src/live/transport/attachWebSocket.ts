import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, GraphQLSchema, type ExecutionResult, GraphQLObjectType, GraphQLString, parse } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Viewer, ViewerVerifier } from '../../auth/index.ts';
import type { ClientName } from '../../config/index.ts';
import { isGatewayError } from '../../errors/index.ts';
import type { GraphQLRoute, TrustedDocuments } from '../../server/index.ts';
import { APP_VERSION_HEADER } from '../../server/index.ts';
import type { RequestContext } from '../../subgraphs/RequestContext.ts';
import { slowSubscriberCloseCode, type LiveGateway } from '../LiveGateway.ts';
import { LiveRefusal } from '../LiveSource.ts';
import type { LiveSubscription } from '../LiveSubscription.ts';
import type { LiveConnections } from './LiveConnections.ts';
import { liveCloseCodes } from './liveCloseCodes.ts';
import { readLiveRequest } from './readLiveRequest.ts';
import { maxTimerMs, tokenExpiry } from './tokenExpiry.ts';

/** What the WebSocket endpoint needs from the gateway. */
export interface WebSocketTransportParts {
  readonly live: LiveGateway;
  /** The GraphQL routes by path (`/passenger/graphql`): the same paths take WebSocket upgrades. */
  readonly routes: ReadonlyMap<string, GraphQLRoute<ClientName, RequestContext>>;
  readonly verifier: ViewerVerifier;
  readonly appDocuments?: TrustedDocuments;
  readonly connections: LiveConnections;
}

/** The running WebSocket endpoint. */
export interface WebSocketTransport {
  /** Stops accepting upgrades, lets in-flight events be sent (at most `graceMs`), then closes every connection with 1012. */
  stop(graceMs: number): Promise<void>;
  readonly open: () => number;
}

/** One connection's state: its client, viewer, subscriptions, token expiry. */
interface Connection {
  readonly route: GraphQLRoute<ClientName, RequestContext>;
  viewer: Viewer | null;
  appVersion: string | undefined;
  readonly subscriptions: Set<LiveSubscription>;
  expiry: NodeJS.Timeout | undefined;
}

// graphql-ws wants a schema in the execution arguments; live subscriptions execute through their
// client's own executor (src/live/LiveGateway.ts), so this one is never run.
const unusedSchema = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { unused: { type: GraphQLString } } }) });

/**
 * GraphQL over WebSocket (`graphql-transport-ws`, graphql-ws on ws) on each client's GraphQL path:
 * the token in `connection_init`'s payload (`{"Authorization": "Bearer ..."}`), verified like a
 * query's (bad or missing: 4401; another app's: 4403; closed with 4401 when it expires); then
 * subscriptions, each checked and executed by the {@link LiveGateway}.
 */
export function attachWebSocket(server: Server, parts: WebSocketTransportParts): WebSocketTransport {
  const { live } = parts;
  const config = live.config;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  const connections = new WeakMap<WebSocket, Connection>();
  let stopping = false;

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
    const route = parts.routes.get(path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);
    if (!route || stopping) {
      socket.end(`HTTP/1.1 ${route ? '503 Service Unavailable' : '404 Not Found'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      if (!parts.connections.tryOpen()) {
        ws.close(liveCloseCodes.tryAgainLater, 'Too many connections on this gateway; try another or later.');
        return;
      }
      connections.set(ws, { route, viewer: null, appVersion: undefined, subscriptions: new Set(), expiry: undefined });
      ws.once('close', () => {
        parts.connections.release();
        const connection = connections.get(ws);
        if (connection?.expiry) clearTimeout(connection.expiry);
      });
      wss.emit('connection', ws, request);
    });
  };
  server.on('upgrade', onUpgrade);

  const stateOf = (socket: WebSocket): Connection => {
    const connection = connections.get(socket);
    if (!connection) throw new Error('A WebSocket connection without its state.');
    return connection;
  };

  useServer<Record<string, unknown> | undefined, { socket: WebSocket; request: IncomingMessage }>(
    {
      connectionInitWaitTimeout: config.initTimeoutMs,
      async onConnect(ctx) {
        const socket = ctx.extra.socket;
        const connection = stateOf(socket);
        const params = ctx.connectionParams ?? {};
        const authorization = paramOf(params, 'authorization');
        const appVersion = paramOf(params, APP_VERSION_HEADER);
        try {
          connection.viewer = await parts.verifier.verifyFor(authorization, connection.route.audience);
        } catch (error) {
          if (!isGatewayError(error)) throw error;
          socket.close(error.code === 'FORBIDDEN' ? liveCloseCodes.forbidden : liveCloseCodes.unauthenticated, closeReason(error.message));
          return false;
        }
        connection.appVersion = appVersion;
        const expiresAt = tokenExpiry(authorization);
        if (expiresAt !== undefined) {
          // A subscription lives no longer than its token: the app reconnects with a fresh one.
          connection.expiry = setTimeout(() => socket.close(liveCloseCodes.unauthenticated, 'The token expired; reconnect with a fresh one.'), Math.min(maxTimerMs, Math.max(0, expiresAt - Date.now())));
          connection.expiry.unref();
        }
        return true;
      },
      async onSubscribe(ctx, _id, payload) {
        const socket = ctx.extra.socket;
        const connection = stateOf(socket);
        if (!connection.viewer) return [new GraphQLError('Sign in to subscribe.', { extensions: { code: 'UNAUTHENTICATED' } })];
        if (connection.subscriptions.size >= config.maxPerConnection) {
          return [new GraphQLError(`At most ${config.maxPerConnection} live subscriptions per connection; complete one first.`, { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } })];
        }
        let subscription: LiveSubscription;
        try {
          const request = readLiveRequest({ route: connection.route, payload, url: ctx.extra.request.url ?? '/', appVersion: connection.appVersion, appDocuments: parts.appDocuments });
          subscription = await live.subscribe(
            {
              client: connection.route.name,
              viewer: connection.viewer,
              onOverflow: () => socket.close(slowSubscriberCloseCode, 'Too slow a subscriber: too many events waiting; reconnect for the current state.'),
            },
            request,
          );
        } catch (error) {
          if (error instanceof LiveRefusal) return [...error.errors];
          if (isGatewayError(error)) return [new GraphQLError(error.message, { extensions: { code: error.code } })];
          throw error;
        }
        connection.subscriptions.add(subscription);
        const release = (): void => {
          connection.subscriptions.delete(subscription);
        };
        // The set forgets it when it ends, whoever ends it (complete, close, trip ended).
        void subscription.whenEnded().then(release);
        return { schema: unusedSchema, document: parse('subscription { unused }'), contextValue: subscription };
      },
      onNext(ctx, _id, _payload, _args, result) {
        const socket = ctx.extra.socket;
        // A subscriber whose socket holds more unsent bytes than the bound is too slow: closed, it
        // reconnects for the current state. (graphql-ws awaits each send, and conflation keeps one
        // waiting event per stream: the bound is rarely reached, the backlog never grows.)
        if (socket.bufferedAmount > config.maxBufferedBytes) socket.close(slowSubscriberCloseCode, 'Too slow a subscriber: its buffer is full; reconnect for the current state.');
        // Every message is already a formatted result (errors included): sent as it is.
        return result;
      },
      subscribe: (args) => args.contextValue as unknown as AsyncGenerator<ExecutionResult>,
    },
    wss,
    config.keepAliveMs,
  );

  return {
    open: () => wss.clients.size,
    async stop(graceMs) {
      stopping = true;
      server.off('upgrade', onUpgrade);
      const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([live.whenIdle(), grace]);
      for (const ws of wss.clients) ws.close(liveCloseCodes.serviceRestart, 'The gateway is restarting; reconnect.');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** A connection_init parameter, its name in any case (`Authorization`, `authorization`). */
function paramOf(params: Record<string, unknown>, name: string): string | undefined {
  for (const [key, value] of Object.entries(params)) if (key.toLowerCase() === name && typeof value === 'string') return value;
  return undefined;
}

/** A close reason fits in 123 bytes. */
function closeReason(message: string): string {
  return Buffer.byteLength(message) <= 123 ? message : `${message.slice(0, 110)}…`;
}

