import type { Dispatcher } from 'undici';
import type { IdentityTokens } from '../../auth/index.ts';
import type { ResilienceConfig, SubgraphLocation, UpstreamServiceName } from '../../config/index.ts';
import { Discovery, InstanceStore, MergedInstanceSource, type ServiceInstance } from '../../registry/index.ts';
import { ServicePipeline } from '../../resilience/index.ts';
import { GraphQLClient, type GraphQLFetch } from '../../transport/index.ts';
import { RemoteFallbacks } from './RemoteFallbacks.ts';
import { RemoteSubgraphDataSource } from './RemoteSubgraphDataSource.ts';

/** A remote subgraph to call: where it lives and what it may receive. */
export interface RemoteSubgraphSpec {
  readonly name: string;
  readonly location: Exclude<SubgraphLocation, { kind: 'in-process' }>;
  /** Its SDL, for its `@fallback` declarations: as published now (read at each failure) or fixed. Absent: none. */
  readonly sdl?: string | (() => string | undefined);
  readonly forwardHeaders?: readonly string[];
  readonly forwardAuthorization?: boolean;
}

/**
 * Data sources for remote subgraphs, one pipeline per service: a registry location's pipeline runs
 * over the gateway's discovery (balancing, ejection, breaker, bulkhead per service); a URL's over a
 * discovery of that one address, named after the subgraph. Pipelines are kept per service and URL,
 * so a supergraph swapped in later (plain mode) keeps their breaker state.
 */
export class RemoteDataSources {
  readonly #parts: RemoteParts;
  readonly #pipelines = new Map<string, ServicePipeline<GraphQLFetch>>();

  constructor(parts: RemoteParts) {
    this.#parts = parts;
  }

  /** Call pipelines by service (breaker state for readiness). */
  get policies(): ReadonlyMap<string, ServicePipeline<GraphQLFetch>> {
    return new Map([...this.#pipelines].map(([key, pipeline]) => [pipeline.service === key ? key : `${pipeline.service} (${key})`, pipeline]));
  }

  /** A data source for `spec`; throws naming the subgraph for a `@fallback` a remote subgraph cannot declare. */
  dataSource(spec: RemoteSubgraphSpec): RemoteSubgraphDataSource {
    const parts = this.#parts;
    return new RemoteSubgraphDataSource({
      subgraph: spec.name,
      client: this.#pipeline(spec),
      ...(spec.sdl ? { fallbacks: fallbacksOf(spec.name, spec.sdl) } : {}),
      ...(parts.identity ? { identity: parts.identity } : {}),
      ...(spec.forwardHeaders ? { forwardHeaders: spec.forwardHeaders } : {}),
      ...(spec.forwardAuthorization ? { forwardAuthorization: true } : {}),
    });
  }

  close(): void {
    for (const pipeline of this.#pipelines.values()) pipeline.close();
  }

  #pipeline(spec: RemoteSubgraphSpec): ServicePipeline<GraphQLFetch> {
    const { location } = spec;
    const key = location.kind === 'registry' ? location.service : location.url;
    let pipeline = this.#pipelines.get(key);
    if (pipeline) return pipeline;
    const service = location.kind === 'registry' ? location.service : spec.name;
    const discovery = location.kind === 'registry' ? this.#parts.discovery : new Discovery(new MergedInstanceSource(new InstanceStore(), [urlInstance(spec.name, location.url)]));
    const policy = this.#parts.resilience.services[service as UpstreamServiceName] ?? this.#parts.resilience.defaults;
    const transport = new GraphQLClient({ service, dispatcher: this.#parts.dispatcher, defaultPath: location.path });
    pipeline = new ServicePipeline({ transport, discovery, policy, deadline: this.#parts.resilience.deadline });
    this.#pipelines.set(key, pipeline);
    return pipeline;
  }
}

/** What remote data sources are built from. */
export interface RemoteParts {
  readonly discovery: Discovery;
  readonly resilience: ResilienceConfig;
  readonly identity: IdentityTokens | undefined;
  readonly dispatcher: Dispatcher;
}

/** A remote subgraph's location from a supergraph's `join__graph(url:)` reading (a URL, or a registry service and path). */
export function toRemoteLocation(location: { readonly url: string } | { readonly service: string; readonly path: string }): RemoteSubgraphSpec['location'] {
  if ('service' in location) return { kind: 'registry', service: location.service, path: location.path };
  const parsed = new URL(location.url);
  return { kind: 'url', url: location.url, address: parsed.host, path: `${parsed.pathname}${parsed.search}` };
}

/** The one instance a URL location is, with its path and scheme. */
function urlInstance(subgraph: string, url: string): ServiceInstance {
  const parsed = new URL(url);
  const https = parsed.protocol === 'https:';
  const port = parsed.port || (https ? '443' : '80');
  return { service: subgraph, id: `${subgraph}-url`, address: `${parsed.hostname}:${port}`, protocol: 'graphql', weight: 1, metadata: { path: `${parsed.pathname}${parsed.search}`, ...(https ? { scheme: 'https' } : {}) } };
}

/** The fallbacks of the SDL `sdl` gives, re-read only when that SDL changes. Throws at once for a kind a remote subgraph cannot declare. */
function fallbacksOf(subgraph: string, sdl: string | (() => string | undefined)): () => RemoteFallbacks {
  const read = typeof sdl === 'string' ? () => sdl : sdl;
  let seen = read();
  let fallbacks = seen ? RemoteFallbacks.fromSdl(subgraph, seen) : new RemoteFallbacks(new Map());
  return () => {
    const current = read();
    if (current !== seen && current !== undefined) {
      seen = current;
      fallbacks = RemoteFallbacks.fromSdl(subgraph, current);
    }
    return fallbacks;
  };
}
