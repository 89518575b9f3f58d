import { createAdmission } from './admission/index.ts';
import { clientAudience, IdentityTokens, issueToken, ViewerVerifier } from './auth/index.ts';
import { buildBffSchema } from './bff/index.ts';
import { createGatewayCaches } from './cache/index.ts';
import { clientEntry, clientNames, serviceNames, type ClientName, type Config } from './config/index.ts';
import {
  bffSubgraphName,
  createClientGateway,
  LocalSubgraphDataSource,
  parseSubgraphUrl,
  RemoteDataSources,
  toRemoteLocation,
  withPlanningFailures,
} from './federation/index.ts';
import {
  ClientEndpoint,
  createDemoProxy,
  createJwksHandler,
  createPlaygroundAssetsHandler,
  createPlaygroundPage,
  createPlaygroundSchemaHandler,
  createRequestHandler,
  GatewayMetrics,
  listenGateway,
  type GatewayPhase,
  type GraphQLRoute,
  type PlaygroundIdentity,
  type ReadinessReport,
  type RunningGateway,
  type SideHandler,
} from './server/index.ts';
import { buildDomainSubgraphSchemas, createRequestContext, type RequestContext } from './subgraphs/index.ts';
import type { EdgeRequest } from './server/index.ts';
import { startDiscovery } from './startDiscovery.ts';
import { startPublishing } from './startPublishing.ts';
import type { AppDocuments } from './publishing/apps/AppDocuments.ts';
import { repositoryAppDocuments, withRepositoryDocuments } from './publishing/apps/index.ts';
import { createUpstreams } from './upstreams/index.ts';
import { createEventFeed, type EventFeed } from './events/index.ts';
import { attachWebSocket, createSseHandler, LiveConnections, LiveGateway, type LiveClient, type WebSocketTransport } from './live/index.ts';

/** Every upstream service the subgraphs call (`schemas/services.json`); readiness waits until each has a known instance. */
const upstreamServices = serviceNames;

export type { GatewayPhase, RunningGateway } from './server/index.ts';

/** How a test or bench starts the gateway differently from `npm start`. */
export interface StartGatewayOptions {
  /** Answer GraphQL before the gateway is first ready (tests whose operations call no service); default false: 503 NOT_READY. */
  readonly serveBeforeReady?: boolean;
  /** The apps' published documents, for requests naming one by id. Default: the repository's manifests, one version per app (`<client>@0.0.0-repository`). */
  readonly appDocuments?: AppDocuments;
  /** The services' events for live subscriptions. Default: `createEventFeed(config.events)` (RabbitMQ at AMQP_URL). */
  readonly eventFeed?: EventFeed;
}

/** How long a playground's demo token lasts: a working day, minted again with each page load. */
const PLAYGROUND_TOKEN_TTL_SEC = 12 * 3_600;

/**
 * The playground's identity picker for `client`: its demo users (`schemas/clients.json`) with tokens
 * minted now, and an anonymous visitor where the app takes one. Demo mode only: none otherwise.
 */
async function demoIdentities(config: Config, client: ClientName): Promise<PlaygroundIdentity[]> {
  const secret = config.auth.secret;
  if (config.mode !== 'demo' || !secret) return [];
  const { users, anonymous } = clientEntry(client).playground;
  const identities: PlaygroundIdentity[] = await Promise.all(
    users.map(async (user) => ({ label: user.label, token: await issueToken(secret, { client, subject: user.id, issuer: config.auth.issuer, ttlSec: PLAYGROUND_TOKEN_TTL_SEC }) })),
  );
  return anonymous ? [...identities, { label: 'Anonymous visitor' }] : identities;
}

/**
 * Wires and starts the gateway: the registry (embedded, or a remote one's view), discovery, the
 * upstream clients, every client's supergraph and Apollo Server, and the HTTP server.
 */
export async function startGateway(config: Config, options: StartGatewayOptions = {}): Promise<RunningGateway> {
  const sideHandlers: SideHandler[] = [];
  // Discovery (src/startDiscovery.ts): embedded registry, remote registry or etcd; balancing; outlier detection.
  const started = startDiscovery(config);
  const { discovery } = started;
  if (started.registryApi) sideHandlers.push(started.registryApi);
  // Partial failure (src/resilience, src/cache): per-service call policies; the price cache and
  // idempotency keys in Keyv (Redis with REDIS_URL) behind a guard that never blocks.
  const clients = createUpstreams(discovery, config.resilience);
  // Remote subgraphs get the viewer as a gateway-signed identity token (src/auth/IdentityTokens.ts), never the client's token.
  const identity = await IdentityTokens.fromConfig(config.identity);
  const remotes = new RemoteDataSources({ discovery, resilience: config.resilience, identity, dispatcher: clients.agent });
  sideHandlers.push(createJwksHandler(identity));
  /** A remote subgraph's data source, with what the graph says of it now (its fallbacks, the headers it may get). */
  const remoteSource = (name: string, url: string) => {
    const live = graph.get(name);
    return remotes.dataSource({
      name,
      location: toRemoteLocation(parseSubgraphUrl(url)),
      sdl: () => graph.get(name)?.sdl,
      ...(live ? { forwardHeaders: live.forwardHeaders, forwardAuthorization: live.forwardAuthorization } : {}),
    });
  };
  const caches = createGatewayCaches(config.cache);
  // Admission (src/admission): 503 OVERLOADED at the door when saturated, 429 RATE_LIMITED per caller and app.
  const metrics = new GatewayMetrics();
  const admission = createAdmission(config.admission, metrics.registry);

  // Every client's schema, composed from the graph as published (src/publishing), swapped when it changes.
  const publishing = await startPublishing(config, discovery, metrics);
  const { graph, schemas } = publishing;
  const domainSchemas = buildDomainSubgraphSchemas();
  // Trusted documents: what a `documentId` names, per app version (src/publishing/apps).
  const appDocuments = options.appDocuments ?? withRepositoryDocuments(publishing.apps, repositoryAppDocuments());
  const routes = new Map<string, GraphQLRoute<ClientName, RequestContext>>();
  for (const client of clientNames) {
    const locals = new Map([...domainSchemas, [bffSubgraphName(client), buildBffSchema(client)] as const].map(([name, schema]) => [name, new LocalSubgraphDataSource(schema)]));
    // In-process subgraphs by name; remote ones by their location (the gateway asks again when it changes).
    const dataSourceOf = (name: string, url: string) => (url.startsWith('local://') ? locals.get(name) : remoteSource(name, url));
    const gateway = withPlanningFailures(createClientGateway(schemas.supergraph(client), dataSourceOf));
    // Limits before planning (src/limits), on the client's API schema with the cost its subgraphs declare: the schema served now.
    const limits = config.limits.clients[client];
    routes.set(`/${client}/graphql`, {
      name: client,
      endpoint: new ClientEndpoint(client, gateway, {
        introspection: config.introspection,
        maxDegradedEntries: config.limits.maxDegradedEntries,
        demandControl: { client, costModel: () => schemas.current(client).costModel, metrics, maxCost: limits.maxCost, exposeCost: config.mode === 'demo' },
      }),
      audience: clientAudience(client),
      guard: { check: (request) => schemas.current(client).guard.check(request) },
      trustedDocuments: config.trustedDocuments[client],
      tokenRules: { denials: (coordinates, viewer) => schemas.current(client).tokenRules.denials(coordinates, viewer) },
      deadlineMs: config.deadlineMs[client],
      maxResponseBytes: limits.maxResponseBytes,
      // Automatic persisted queries (APQ_<CLIENT>, APQ), resolved at the edge before the limits; cache headers of GETs from @cacheControl.
      // APQ where the client allows it, never where trusted documents are required (a registration would bypass that).
      ...(config.cache.apq.enabled[client] && config.trustedDocuments[client] !== 'required' ? { persistedQueries: caches.persistedQueries } : {}),
      cachePolicy: (coordinates) => schemas.current(client).cacheHints.policyOf(coordinates),
      ...(config.playground
        ? {
            playgroundPage: createPlaygroundPage({
              client,
              schema: () => ({ version: schemas.current(client).version, hash: schemas.current(client).hash }),
              changes: async () =>
                (await publishing.recentChanges(client)).map(({ changes, ...version }) => ({ ...version, lines: changes.map(({ criticality, message }) => ({ criticality, message })) })),
              identities: () => demoIdentities(config, client),
              faults: config.mode === 'demo',
              documentsOnly: config.trustedDocuments[client] === 'required',
            }),
          }
        : {}),
    });
  }
  await Promise.all([...routes.values()].map((route) => route.endpoint.start()));

  // The edge's decisions become the subgraphs' context here: src/server knows no resolver's needs.
  const createContext = (edge: EdgeRequest<ClientName>): RequestContext => {
    const idempotencyKey = edge.headers['idempotency-key'];
    return createRequestContext({
      ...edge,
      upstreams: clients.upstreams,
      idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
      priceCache: caches.prices,
      idempotency: caches.idempotency,
    });
  };
  const verifier = new ViewerVerifier(config.auth);

  // Live subscriptions (src/live): the services' events over AMQP, GraphQL over WebSocket and SSE on
  // each client's path. The broker may be down: the feed connects (and reconnects) in the background.
  const feed = options.eventFeed ?? createEventFeed(config.events);
  const live = new LiveGateway({
    feed,
    config: config.subscriptions,
    clients: new Map([...routes.values()].map((route): [ClientName, LiveClient] => [route.name, { route, createContext }])),
  });
  const liveConnections = new LiveConnections(config.subscriptions.maxConnections);
  const sse = createSseHandler({ live, routes, verifier, appDocuments, connections: liveConnections });
  sideHandlers.push(sse.handler);
  let webSocket: WebSocketTransport | undefined;

  let demoControlUrl: string | undefined;
  if (config.mode === 'demo') sideHandlers.push(createDemoProxy(() => demoControlUrl));
  if (config.playground) sideHandlers.push(createPlaygroundAssetsHandler());
  // Where raw text is refused (trusted documents), the playground reads the schema here instead.
  if (config.playground && config.introspection) {
    sideHandlers.push(
      createPlaygroundSchemaHandler((name) => {
        const client = clientNames.find((candidate) => candidate === name);
        return client && { sdl: schemas.current(client).supergraph.apiSchemaSdl, hash: schemas.current(client).hash };
      }),
    );
  }
  sideHandlers.push(publishing.adminApi);

  const readiness = (phase: GatewayPhase): ReadinessReport => {
    const snapshot = discovery.snapshot();
    const services = Object.fromEntries(upstreamServices.map((name) => [name, snapshot.services.get(name)?.length ?? 0]));
    const missing = upstreamServices.filter((name) => services[name] === 0);
    return {
      ready: phase === 'serving' && missing.length === 0,
      details: {
        phase,
        clients: schemas.status(),
        services,
        ...(missing.length > 0 ? { missingServices: missing } : {}),
        ...started.details(),
        breakers: Object.fromEntries([...clients.policies, ...remotes.policies].map(([name, policy]) => [name, policy.breakerState])),
        cache: { kind: caches.store.kind, healthy: caches.shared.healthy },
        admission: admission.details(),
        // The broker's state does not make the gateway unready: queries never need it.
        live: { events: feed.status(), subscriptions: live.count, connections: liveConnections.open },
      },
    };
  };

  return listenGateway(
    { host: config.host, port: config.port, bodyTimeoutMs: config.bodyTimeoutMs, shutdownGraceMs: config.shutdownGraceMs, serveBeforeReady: options.serveBeforeReady },
    {
      readiness,
      createHandler: ({ readiness: report, acceptingGraphQL }) =>
        createRequestHandler({
          routes,
          bodyLimitBytes: config.bodyLimitBytes,
          verifier,
          createContext,
          metrics,
          admission: admission.controller,
          rateLimits: admission.rateLimits,
          appDocuments,
          readiness: report,
          acceptingGraphQL,
          sideHandlers,
        }),
      setDemoControlUrl(url) {
        demoControlUrl = url;
      },
      attach(server) {
        webSocket = attachWebSocket(server, { live, routes, verifier, appDocuments, connections: liveConnections });
      },
      async stopLive(graceMs) {
        await Promise.all([webSocket?.stop(graceMs), sse.stop(graceMs)]);
        live.close();
        await feed.close();
      },
      async close() {
        await publishing.close();
        await started.stop();
        remotes.close();
        await clients.close();
        await caches.store.close();
        await admission.close();
      },
    },
  );
}
