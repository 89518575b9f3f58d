import { readFileSync } from 'node:fs';
import { packageRoot } from '../processes/BenchProcess.ts';

/** A subgraph that runs as its own GraphQL service (`schemas/subgraphs.json`), as the bench reaches it. */
export interface RemoteSubgraph {
  readonly name: string;
  /** Where it lives: a registry service (its instances at `path`) or a fixed URL. */
  readonly location: { readonly service: string; readonly path: string } | { readonly url: string };
}

/** One running instance of a service, as the demo fleet lists it. */
export interface ServiceAddress {
  readonly service: string;
  /** `host:port`. */
  readonly address: string;
}

/**
 * The remote subgraphs of a subgraph catalog (`schemas/subgraphs.json`'s content): every entry
 * whose location is not `"in-process"`. Throws naming the subgraph whose location is neither.
 */
export function parseRemoteSubgraphs(catalog: unknown): RemoteSubgraph[] {
  const subgraphs = (catalog as { subgraphs?: unknown } | null)?.subgraphs;
  if (subgraphs === null || typeof subgraphs !== 'object') throw new Error('the subgraph catalog has no "subgraphs" object');
  const remote: RemoteSubgraph[] = [];
  for (const [name, entry] of Object.entries(subgraphs as Record<string, unknown>)) {
    const location = (entry as { location?: unknown } | null)?.location;
    if (location === 'in-process') continue;
    const { service, path, url } = (location ?? {}) as { service?: unknown; path?: unknown; url?: unknown };
    if (typeof service === 'string' && service !== '') {
      remote.push({ name, location: { service, path: typeof path === 'string' && path.startsWith('/') ? path : '/graphql' } });
    } else if (typeof url === 'string' && /^https?:\/\//.test(url)) {
      remote.push({ name, location: { url } });
    } else {
      throw new Error(`subgraph ${name}: location must be "in-process", {"service", "path"} or {"url"}`);
    }
  }
  return remote;
}

/** The remote subgraphs of `schemas/subgraphs.json`. */
export function readRemoteSubgraphs(): RemoteSubgraph[] {
  return parseRemoteSubgraphs(JSON.parse(readFileSync(`${packageRoot}schemas/subgraphs.json`, 'utf8')) as unknown);
}

/**
 * Every URL each remote subgraph answers at: a fixed URL as is, a registry service's at each of
 * its running `instances` (`http://<address><path>`, in the order listed). A service with no
 * instance gives an empty list.
 */
export function remoteSubgraphUrls(remote: readonly RemoteSubgraph[], instances: readonly ServiceAddress[]): Map<string, string[]> {
  return new Map(
    remote.map(({ name, location }) => [
      name,
      'url' in location
        ? [location.url]
        : instances.filter((instance) => instance.service === location.service).map((instance) => `http://${instance.address}${location.path}`),
    ]),
  );
}
