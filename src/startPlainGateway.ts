import type { GraphQLSchema } from 'graphql';
import { createAdmission } from './admission/index.ts';
import { IdentityTokens, ViewerVerifier, type ExpectedAudience } from './auth/index.ts';
import type { Config, PlainConfig } from './config/index.ts';
import { GatewayError } from './errors/index.ts';
import {
  createPlainGateway,
  plainRouteName,
  readSupergraphFile,
  RemoteDataSources,
  SupergraphFileError,
  SupergraphFileManager,
  toRemoteLocation,
  withPlanningFailures,
  type BuildDataSource,
  type LoadedSupergraph,
  type PlainRequestContext,
} from './federation/index.ts';
import { OperationGuard, type CostModel } from './limits/index.ts';
import { ClientEndpoint, createJwksHandler, createRequestHandler, GatewayMetrics, listenGateway, type GraphQLRoute, type RunningGateway, type SideHandler } from './server/index.ts';
import { startDiscovery } from './startDiscovery.ts';
import { createRestAgent } from './transport/index.ts';
import type { StartGatewayOptions } from './startGateway.ts';

/** The path plain mode serves GraphQL at, as a plain `@apollo/gateway` + Apollo Server does. */
export const plainGraphQLPath = '/graphql';

/**
 * How plain mode reaches a subgraph: every fetch of every plan goes through the remote data source
 * of its subgraph (src/federation/remote), built per `join__graph(url:)` location: a URL, or a
 * registry service and path. The same call pipeline, identity token and per-field failures as the
 * default mode's remote subgraphs; `FORWARD_HEADERS` are passed through.
 */
function plainDataSources(sources: RemoteDataSources, plain: PlainConfig): BuildDataSource {
  return (subgraph, location) =>
    sources.dataSource({
      name: subgraph,
      location: toRemoteLocation(location),
      forwardHeaders: plain.forwardHeaders,
    });
}

/** The limits of the version being served: rebuilt from each new API schema and cost model. */
interface PlainLimits {
  readonly guard: OperationGuard;
  readonly costModel: CostModel;
}

/**
 * Plain federation mode (`SUPERGRAPH_FILE`): serves the supergraph file at `/graphql` over
 * `@apollo/gateway`, every subgraph remote, with the default mode's edge (admission, token, rate
 * limits, shape and cost limits, deadline, error formatting, metrics, health) and discovery for
 * `registry://` subgraphs. The file is watched and swapped live (src/federation/plain). Throws
 * {@link SupergraphFileError} (naming the file and the problem) when the file cannot be served.
 */
export async function startPlainGateway(config: Config, plain: PlainConfig, options: Pick<StartGatewayOptions, 'serveBeforeReady'> = {}): Promise<RunningGateway> {
  const initial = readSupergraphFile(plain.supergraphFile, { assumedListSize: plain.assumedListSize });
  const manager = new SupergraphFileManager(initial, {
    assumedListSize: plain.assumedListSize,
    pollIntervalMs: plain.pollIntervalMs,
    debounceMs: plain.debounceMs,
  });
  const sideHandlers: SideHandler[] = [];
  // Discovery (src/startDiscovery.ts) for `registry://` subgraphs: embedded registry, remote registry or etcd.
  const started = startDiscovery(config);
  const { discovery } = started;
  if (started.registryApi) sideHandlers.push(started.registryApi);
  const metrics = new GatewayMetrics();
  const admission = createAdmission(config.admission, metrics.registry);

  const limitsConfig = config.limits.plain;
  let limits: PlainLimits | undefined;
  const currentLimits = (): PlainLimits => {
    if (!limits) throw new GatewayError('NOT_READY');
    return limits;
  };
  // Subgraphs get the viewer as a gateway-signed identity token, as in the default mode.
  const identity = await IdentityTokens.fromConfig(config.identity);
  const agent = createRestAgent();
  const sources = new RemoteDataSources({ discovery, resilience: config.resilience, identity, dispatcher: agent });
  sideHandlers.push(createJwksHandler(identity));
  const apollo = createPlainGateway(manager, plainDataSources(sources, plain));
  // The limits follow the gateway: rebuilt (API schema, cost model) each time it loads a version.
  apollo.onSchemaLoadOrUpdate(({ apiSchema }) => {
    limits = buildLimits(apiSchema, manager.current, limitsConfig, config.limits.maxIdLength);
  });
  const endpoint = new ClientEndpoint<PlainRequestContext>(plainRouteName, withPlanningFailures(apollo), {
    introspection: config.introspection,
    maxDegradedEntries: config.limits.maxDegradedEntries,
    demandControl: { client: plainRouteName, costModel: () => currentLimits().costModel, metrics, maxCost: limitsConfig.maxCost, exposeCost: config.mode === 'demo' },
  });
  try {
    await endpoint.start();
  } catch (error) {
    await started.stop();
    await admission.close();
    sources.close();
    await agent.close();
    throw new SupergraphFileError(initial.file, SupergraphFileError.gatewayProblem(error));
  }

  const audience: ExpectedAudience = { app: plainRouteName, audience: plain.audience, tokenRequired: false, description: `this gateway (audience ${plain.audience})` };
  const route: GraphQLRoute<typeof plainRouteName, PlainRequestContext> = {
    name: plainRouteName,
    endpoint,
    audience,
    guard: { check: (request) => currentLimits().guard.check(request) },
    deadlineMs: plain.deadlineMs,
    maxResponseBytes: limitsConfig.maxResponseBytes,
  };

  /** The registry services of `registry://` subgraphs of the version served. */
  const registryServices = (): string[] => [...new Set([...manager.current.subgraphs.values()].flatMap((location) => ('service' in location ? [location.service] : [])))];

  return listenGateway(
    { host: config.host, port: config.port, bodyTimeoutMs: config.bodyTimeoutMs, shutdownGraceMs: config.shutdownGraceMs, serveBeforeReady: options.serveBeforeReady },
    {
      readiness(phase) {
        const services = Object.fromEntries(registryServices().map((service) => [service, discovery.instances(service, 'graphql').length]));
        const missing = Object.keys(services).filter((service) => services[service] === 0);
        return {
          ready: phase === 'serving' && limits !== undefined && missing.length === 0,
          details: {
            phase,
            mode: 'plain',
            supergraph: manager.details(),
            services,
            ...(missing.length > 0 ? { missingServices: missing } : {}),
            ...started.details(),
            breakers: Object.fromEntries([...sources.policies].map(([name, policy]) => [name, policy.breakerState])),
            admission: admission.details(),
          },
        };
      },
      createHandler: ({ readiness, acceptingGraphQL }) =>
        createRequestHandler({
          routes: new Map<string, GraphQLRoute<typeof plainRouteName, PlainRequestContext>>([[plainGraphQLPath, route]]),
          bodyLimitBytes: config.bodyLimitBytes,
          verifier: new ViewerVerifier(config.auth),
          createContext: (edge): PlainRequestContext => ({
            client: edge.client,
            viewer: edge.viewer,
            deadline: edge.deadline,
            signal: edge.signal,
            requestId: edge.requestId,
            headers: edge.headers,
            responseBudget: edge.responseBudget,
            ...(edge.estimatedCost === undefined ? {} : { estimatedCost: edge.estimatedCost }),
          }),
          metrics,
          admission: admission.controller,
          rateLimits: admission.rateLimits,
          readiness,
          acceptingGraphQL,
          sideHandlers,
        }),
      async close() {
        // Stops the gateway's supergraph manager (the file watch) too.
        await endpoint.stop();
        await started.stop();
        sources.close();
        await agent.close();
        await admission.close();
      },
    },
  );
}

/** The limits of one version: its API schema (as the gateway derived it) and cost declarations. */
function buildLimits(apiSchema: GraphQLSchema, loaded: LoadedSupergraph, limits: Config['limits']['plain'], maxIdLength: number): PlainLimits {
  return { costModel: loaded.costModel, guard: new OperationGuard({ schema: apiSchema, costModel: loaded.costModel, limits, maxIdLength }) };
}
