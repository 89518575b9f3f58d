import type { Dispatcher } from 'undici';
import type { IdentityTokens } from '../../auth/index.ts';
import type { ResilienceConfig, SubgraphLocation, UpstreamServiceName } from '../../config/index.ts';
import type { Discovery, ServiceInstance } from '../../registry/index.ts';
import { ServicePipeline } from '../../resilience/index.ts';
import { GraphQLClient, type GraphQLFetch } from '../../transport/index.ts';
import { RemoteFallbacks } from './RemoteFallbacks.ts';
import { RemoteSubgraphDataSource } from './RemoteSubgraphDataSource.ts';

/** A remote subgraph to call: where it lives and what it may receive. */
export interface RemoteSubgraphSpec {
  readonly name: string;
  readonly location: Exclude<SubgraphLocation, { kind: 'in-process' }>;
  /** Its SDL, for its `@fallback` declarations. Absent: none. */
  readonly sdl?: string;
  readonly forwardHeaders?: readonly string[];
  readonly forwardAuthorization?: boolean;
}

/** Every remote subgraph's data source, and each service's call pipeline. */
export interface RemoteSubgraphs {
  dataSource(subgraph: string): RemoteSubgraphDataSource | undefined;
  /** Call pipelines by service (breaker state for readiness). */
  readonly policies: ReadonlyMap<string, ServicePipeline<GraphQLFetch>>;
  /** Registry services the remote subgraphs live in (readiness waits for an instance of each). */
  readonly registryServices: readonly string[];
  close(): void;
}

/** The service a remote subgraph's calls go to: its registry service, or for a URL its own name (a static instance). */
export function remoteServiceOf(spec: RemoteSubgraphSpec): string {
  return spec.location.kind === 'registry' ? spec.location.service : spec.name;
}

/**
 * The static instances of URL-located subgraphs, for discovery: one per subgraph, named after it,
 * so its calls go through the same pipeline (breaker, bulkhead, deadline) as registry ones.
 */
export function urlSubgraphInstances(specs: readonly RemoteSubgraphSpec[]): ServiceInstance[] {
  return specs.flatMap((spec) =>
    spec.location.kind === 'url'
      ? [{ service: spec.name, id: `${spec.name}-static`, address: spec.location.address, protocol: 'graphql' as const, weight: 1, metadata: { path: spec.location.path } }]
      : [],
  );
}

/**
 * A data source per remote subgraph, each over its service's {@link ServicePipeline} (the service's
 * policy from `schemas/services.json`, else the common defaults) and a {@link GraphQLClient} on the
 * gateway's shared keep-alive agent. Throws naming the subgraph for a `@fallback` a remote subgraph
 * cannot declare.
 */
export function createRemoteSubgraphs(
  specs: readonly RemoteSubgraphSpec[],
  parts: { readonly discovery: Discovery; readonly resilience: ResilienceConfig; readonly identity: IdentityTokens | undefined; readonly dispatcher: Dispatcher },
): RemoteSubgraphs {
  const policies = new Map<string, ServicePipeline<GraphQLFetch>>();
  const sources = new Map<string, RemoteSubgraphDataSource>();
  for (const spec of specs) {
    const service = remoteServiceOf(spec);
    let pipeline = policies.get(service);
    if (!pipeline) {
      const policy = parts.resilience.services[service as UpstreamServiceName] ?? parts.resilience.defaults;
      const transport = new GraphQLClient({ service, dispatcher: parts.dispatcher, defaultPath: spec.location.path });
      pipeline = new ServicePipeline({ transport, discovery: parts.discovery, policy, deadline: parts.resilience.deadline });
      policies.set(service, pipeline);
    }
    sources.set(
      spec.name,
      new RemoteSubgraphDataSource({
        subgraph: spec.name,
        client: pipeline,
        ...(spec.sdl ? { fallbacks: RemoteFallbacks.fromSdl(spec.name, spec.sdl) } : {}),
        ...(parts.identity ? { identity: parts.identity } : {}),
        ...(spec.forwardHeaders ? { forwardHeaders: spec.forwardHeaders } : {}),
        ...(spec.forwardAuthorization ? { forwardAuthorization: true } : {}),
      }),
    );
  }
  return {
    dataSource: (subgraph) => sources.get(subgraph),
    policies,
    registryServices: [...new Set(specs.filter((spec) => spec.location.kind === 'registry').map(remoteServiceOf))],
    close() {
      for (const pipeline of policies.values()) pipeline.close();
    },
  };
}

/**
 * A subgraph URL as a supergraph's `join__graph(url:)` gives it: `http://host:port/path`, or
 * `registry://<service>/<path>` for instances found in the registry. Throws naming the problem.
 */
export function parseSubgraphUrl(url: string): RemoteSubgraphSpec['location'] {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed?.protocol === 'registry:') {
    if (!/^[a-z][a-z0-9-]{0,62}$/.test(parsed.hostname)) throw new Error(`${url}: the registry service name must be lower case letters, digits and dashes`);
    return { kind: 'registry', service: parsed.hostname, path: parsed.pathname === '' ? '/graphql' : parsed.pathname };
  }
  if (parsed?.protocol === 'http:') return { kind: 'url', url, address: parsed.host, path: `${parsed.pathname}${parsed.search}` };
  throw new Error(`${url}: a subgraph URL must be http://host:port/path or registry://<service>/<path>`);
}
