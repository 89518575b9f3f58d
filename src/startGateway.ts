import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, parse } from 'graphql';
import { createAdmission } from './admission/index.ts';
import { IdentityTokens, ViewerVerifier } from './auth/index.ts';
import { buildBffSchema } from './bff/index.ts';
import { createGatewayCaches } from './cache/index.ts';
import { clientNames, serviceNames, subgraphCatalog, type ClientName, type Config } from './config/index.ts';
import {
  bffSubgraphName,
  clientSubgraphSdls,
  composeClients,
  createClientGateway,
  createRemoteSubgraphs,
  LocalSubgraphDataSource,
  subgraphSdl,
  urlSubgraphInstances,
  withPlanningFailures,
  type RemoteSubgraphSpec,
} from './federation/index.ts';
import { TokenRules } from './authz/index.ts';
import { CostModel, OperationGuard } from './limits/index.ts';
import {
  ClientEndpoint,
  createDemoProxy,
  createJwksHandler,
  createPlaygroundAssetsHandler,
  createRequestHandler,
  GatewayMetrics,
  type ReadinessReport,
  type SideHandler,
} from './server/index.ts';
import { buildDomainSubgraphSchemas, createRequestContext, type RequestContext } from './subgraphs/index.ts';
import { startDiscovery } from './startDiscovery.ts';
import { createUpstreams } from './upstreams/index.ts';

/** Every upstream service the subgraphs call (`schemas/services.json`); readiness waits until each has a known instance. */
const upstreamServices = serviceNames;

/** The remote subgraphs of `schemas/subgraphs.json`, with their SDL (for their `@fallback` declarations). */
function remoteSubgraphSpecs(): RemoteSubgraphSpec[] {
  return subgraphCatalog.flatMap((entry) =>
    entry.location.kind === 'in-process'
      ? []
      : [{ name: entry.name, location: entry.location, sdl: subgraphSdl(entry), forwardHeaders: entry.forwardHeaders, forwardAuthorization: entry.forwardAuthorization }],
  );
}

/** Lifecycle of a running gateway. */
export type GatewayPhase = 'starting' | 'serving' | 'draining' | 'stopped';

/** A running gateway. */
export interface RunningGateway {
  /** `http://host:port` it listens on. */
  readonly url: string;
  readonly port: number;
  phase(): GatewayPhase;
  readiness(): ReadinessReport;
  /** Resolves once the gateway is first ready ({@link RunningGateway.readiness}); GraphQL is answered 503 NOT_READY until then. */
  whenReady(): Promise<void>;
  /** Sets where the demo fleet's fault control is, for the `/demo/...` proxy. */
  setDemoControlUrl(url: string): void;
  /** Stops accepting requests, lets in-flight ones finish within the grace period, then closes everything. */
  stop(): Promise<void>;
}

/** Extra pages the playground gets, per client. */
export interface StartGatewayOptions {
  /** The playground page per client (built by main, which knows the demo tokens). */
  readonly playgroundPages?: ReadonlyMap<ClientName, string>;
  /** Answer GraphQL before the gateway is first ready (tests whose operations call no service); default false: 503 NOT_READY. */
  readonly serveBeforeReady?: boolean;
}

/**
 * Wires and starts the gateway: the registry (embedded, or a remote one's view), discovery, the
 * upstream clients, every client's supergraph and Apollo Server, and the HTTP server.
 */
export async function startGateway(config: Config, options: StartGatewayOptions = {}): Promise<RunningGateway> {
  let phase: GatewayPhase = 'starting';
  const sideHandlers: SideHandler[] = [];
  // Discovery (src/startDiscovery.ts): embedded registry, remote registry or etcd; balancing; outlier detection.
  // Remote subgraphs (schemas/subgraphs.json): URL-located ones are static instances of their own service.
  const remoteSpecs = remoteSubgraphSpecs();
  const started = startDiscovery(config, undefined, urlSubgraphInstances(remoteSpecs));
  const { discovery } = started;
  if (started.registryApi) sideHandlers.push(started.registryApi);
  // Partial failure (src/resilience, src/cache): per-service call policies; the price cache and
  // idempotency keys in Keyv (Redis with REDIS_URL) behind a guard that never blocks.
  const clients = createUpstreams(discovery, config.resilience);
  // Remote subgraphs get the viewer as a gateway-signed identity token (src/auth/IdentityTokens.ts), never the client's token.
  const identity = remoteSpecs.length > 0 ? await IdentityTokens.fromConfig(config.identity) : undefined;
  const remotes = createRemoteSubgraphs(remoteSpecs, { discovery, resilience: config.resilience, identity, dispatcher: clients.agent });
  if (identity) sideHandlers.push(createJwksHandler(identity));
  const caches = createGatewayCaches(config.cache);
  // Admission (src/admission): 503 OVERLOADED at the door when saturated, 429 RATE_LIMITED per caller and app.
  const metrics = new GatewayMetrics();
  const admission = createAdmission(config.admission, metrics.registry);

  const domainSchemas = buildDomainSubgraphSchemas();
  const supergraphs = composeClients();
  const endpoints = new Map<ClientName, ClientEndpoint<RequestContext>>();
  const guards = new Map<ClientName, OperationGuard>();
  const tokenRules = new Map<ClientName, TokenRules>();
  for (const client of clientNames) {
    const locals = new Map([...domainSchemas, [bffSubgraphName(client), buildBffSchema(client)] as const].map(([name, schema]) => [name, new LocalSubgraphDataSource(schema)]));
    const gateway = withPlanningFailures(createClientGateway(supergraphs[client], (name) => remotes.dataSource(name) ?? locals.get(name)));
    // Limits before planning (src/limits), on the client's API schema with the cost its subgraphs declare.
    const limits = config.limits.clients[client];
    const subgraphSdls = clientSubgraphSdls(client).map(({ sdl }) => sdl);
    const costModel = new CostModel(subgraphSdls.map((sdl) => parse(sdl)));
    tokenRules.set(client, new TokenRules(subgraphSdls));
    guards.set(client, new OperationGuard({ schema: buildSchema(supergraphs[client].apiSchemaSdl), costModel, limits, maxIdLength: config.limits.maxIdLength }));
    endpoints.set(
      client,
      new ClientEndpoint(client, gateway, {
        introspection: config.introspection,
        maxDegradedEntries: config.limits.maxDegradedEntries,
        demandControl: { client, costModel, metrics, maxCost: limits.maxCost, exposeCost: config.mode === 'demo' },
      }),
    );
  }
  await Promise.all([...endpoints.values()].map((endpoint) => endpoint.start()));

  let demoControlUrl: string | undefined;
  if (config.mode === 'demo') sideHandlers.push(createDemoProxy(() => demoControlUrl));
  if (config.playground) sideHandlers.push(createPlaygroundAssetsHandler());

  const readiness = (): ReadinessReport => {
    const snapshot = discovery.snapshot();
    const services = Object.fromEntries(upstreamServices.map((name) => [name, snapshot.services.get(name)?.length ?? 0]));
    const missing = upstreamServices.filter((name) => services[name] === 0);
    return {
      ready: phase === 'serving' && missing.length === 0,
      details: {
        phase,
        clients: Object.fromEntries(clientNames.map((client) => [client, 'composed'])),
        services,
        ...(missing.length > 0 ? { missingServices: missing } : {}),
        ...started.details(),
        breakers: Object.fromEntries([...clients.policies, ...remotes.policies].map(([name, policy]) => [name, policy.breakerState])),
        cache: { kind: caches.store.kind, healthy: caches.shared.healthy },
        admission: admission.details(),
      },
    };
  };

  // GraphQL waits (503 NOT_READY) until the gateway is first ready, then stays open: a service that
  // loses its instances later fails its own fields (NO_INSTANCES), not the whole gateway.
  let opened = options.serveBeforeReady ?? false;
  const acceptingGraphQL = (): boolean => (opened ||= readiness().ready);
  const readyWaiters = new Set<NodeJS.Timeout>();

  const server: Server = createServer(
    {
      keepAliveTimeout: 5_000,
      // A request (headers and body) must arrive whole within BODY_TIMEOUT_MS (default 10 s), else
      // Node answers 408 and closes the connection; headersTimeout follows (min(60 s, this)). Node
      // checks every connectionsCheckingInterval (default 30 s): at most 1 s here, so a stalled
      // request is closed within bodyTimeoutMs + 1 s.
      requestTimeout: config.bodyTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, Math.max(50, Math.floor(config.bodyTimeoutMs / 4))),
    },
    createRequestHandler({
      config,
      endpoints,
      verifier: new ViewerVerifier(config.auth),
      // The edge's decisions become the subgraphs' context here: src/server knows no resolver's needs.
      createContext: (edge) => {
        const idempotencyKey = edge.headers['idempotency-key'];
        return createRequestContext({
          ...edge,
          upstreams: clients.upstreams,
          idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
          priceCache: caches.prices,
          idempotency: caches.idempotency,
        });
      },
      metrics,
      admission: admission.controller,
      rateLimits: admission.rateLimits,
      readiness,
      acceptingGraphQL,
      sideHandlers,
      playgroundPages: config.playground ? options.playgroundPages : undefined,
      guards,
      tokenRules,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  phase = 'serving';

  return {
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    port,
    phase: () => phase,
    readiness,
    whenReady() {
      return new Promise<void>((resolve) => {
        if (readiness().ready) return resolve();
        // Instances register in the background; checked every 50 ms until ready (or stopped).
        const timer = setInterval(() => {
          if (!readiness().ready) return;
          clearInterval(timer);
          readyWaiters.delete(timer);
          resolve();
        }, 50);
        readyWaiters.add(timer);
      });
    },
    setDemoControlUrl(url) {
      demoControlUrl = url;
    },
    async stop() {
      if (phase === 'draining' || phase === 'stopped') return;
      phase = 'draining';
      for (const timer of readyWaiters) clearInterval(timer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections that finish their last request go idle: close them as they do.
      const sweeper = setInterval(() => server.closeIdleConnections(), 50);
      // Apollo Server's own stop() can hang under a signal: drain the HTTP server ourselves, bounded.
      const grace = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownGraceMs).unref());
      await Promise.race([closed, grace]);
      clearInterval(sweeper);
      server.closeAllConnections();
      await started.stop();
      remotes.close();
      await clients.close();
      await caches.store.close();
      await admission.close();
      phase = 'stopped';
    },
  };
}
