import { buildSchema, parse } from 'graphql';
import { createAdmission } from './admission/index.ts';
import { clientAudience, IdentityTokens, ViewerVerifier } from './auth/index.ts';
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
  listenGateway,
  type GatewayPhase,
  type GraphQLRoute,
  type ReadinessReport,
  type RunningGateway,
  type SideHandler,
} from './server/index.ts';
import { buildDomainSubgraphSchemas, createRequestContext, type RequestContext } from './subgraphs/index.ts';
import { startDiscovery } from './startDiscovery.ts';
import { createUpstreams } from './upstreams/index.ts';

/** Every upstream service the subgraphs call (`schemas/services.json`); readiness waits until each has a known instance. */
const upstreamServices = serviceNames;

export type { GatewayPhase, RunningGateway } from './server/index.ts';

/** The remote subgraphs of `schemas/subgraphs.json`, with their SDL (for their `@fallback` declarations). */
function remoteSubgraphSpecs(): RemoteSubgraphSpec[] {
  return subgraphCatalog.flatMap((entry) =>
    entry.location.kind === 'in-process'
      ? []
      : [{ name: entry.name, location: entry.location, sdl: subgraphSdl(entry), forwardHeaders: entry.forwardHeaders, forwardAuthorization: entry.forwardAuthorization }],
  );
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
  const sideHandlers: SideHandler[] = [];
  // Discovery (src/startDiscovery.ts): embedded registry, remote registry or etcd; balancing; outlier detection.
  const started = startDiscovery(config);
  const { discovery } = started;
  if (started.registryApi) sideHandlers.push(started.registryApi);
  // Partial failure (src/resilience, src/cache): per-service call policies; the price cache and
  // idempotency keys in Keyv (Redis with REDIS_URL) behind a guard that never blocks.
  const clients = createUpstreams(discovery, config.resilience);
  // Remote subgraphs get the viewer as a gateway-signed identity token (src/auth/IdentityTokens.ts), never the client's token.
  const remoteSpecs = remoteSubgraphSpecs();
  const identity = remoteSpecs.length > 0 ? await IdentityTokens.fromConfig(config.identity) : undefined;
  const remotes = createRemoteSubgraphs(remoteSpecs, { discovery, resilience: config.resilience, identity, dispatcher: clients.agent });
  if (identity) sideHandlers.push(createJwksHandler(identity));
  const caches = createGatewayCaches(config.cache);
  // Admission (src/admission): 503 OVERLOADED at the door when saturated, 429 RATE_LIMITED per caller and app.
  const metrics = new GatewayMetrics();
  const admission = createAdmission(config.admission, metrics.registry);

  const domainSchemas = buildDomainSubgraphSchemas();
  const supergraphs = composeClients();
  const routes = new Map<string, GraphQLRoute<ClientName, RequestContext>>();
  for (const client of clientNames) {
    const locals = new Map([...domainSchemas, [bffSubgraphName(client), buildBffSchema(client)] as const].map(([name, schema]) => [name, new LocalSubgraphDataSource(schema)]));
    const gateway = withPlanningFailures(createClientGateway(supergraphs[client], (name) => remotes.dataSource(name) ?? locals.get(name)));
    // Limits before planning (src/limits), on the client's API schema with the cost its subgraphs declare.
    const limits = config.limits.clients[client];
    const subgraphSdls = clientSubgraphSdls(client).map(({ sdl }) => sdl);
    const costModel = new CostModel(subgraphSdls.map((sdl) => parse(sdl)));
    routes.set(`/${client}/graphql`, {
      name: client,
      endpoint: new ClientEndpoint(client, gateway, {
        introspection: config.introspection,
        maxDegradedEntries: config.limits.maxDegradedEntries,
        demandControl: { client, costModel: () => costModel, metrics, maxCost: limits.maxCost, exposeCost: config.mode === 'demo' },
      }),
      audience: clientAudience(client),
      guard: new OperationGuard({ schema: buildSchema(supergraphs[client].apiSchemaSdl), costModel, limits, maxIdLength: config.limits.maxIdLength }),
      tokenRules: new TokenRules(subgraphSdls),
      deadlineMs: config.deadlineMs[client],
      maxResponseBytes: limits.maxResponseBytes,
      ...(config.playground && options.playgroundPages?.has(client) ? { playgroundPage: options.playgroundPages.get(client) } : {}),
    });
  }
  await Promise.all([...routes.values()].map((route) => route.endpoint.start()));

  let demoControlUrl: string | undefined;
  if (config.mode === 'demo') sideHandlers.push(createDemoProxy(() => demoControlUrl));
  if (config.playground) sideHandlers.push(createPlaygroundAssetsHandler());

  const readiness = (phase: GatewayPhase): ReadinessReport => {
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

  return listenGateway(
    { host: config.host, port: config.port, bodyTimeoutMs: config.bodyTimeoutMs, shutdownGraceMs: config.shutdownGraceMs, serveBeforeReady: options.serveBeforeReady },
    {
      readiness,
      createHandler: ({ readiness: report, acceptingGraphQL }) =>
        createRequestHandler({
          routes,
          bodyLimitBytes: config.bodyLimitBytes,
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
          readiness: report,
          acceptingGraphQL,
          sideHandlers,
        }),
      setDemoControlUrl(url) {
        demoControlUrl = url;
      },
      async close() {
        await started.stop();
        remotes.close();
        await clients.close();
        await caches.store.close();
        await admission.close();
      },
    },
  );
}
