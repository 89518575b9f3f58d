import { readFileSync } from 'node:fs';
import { clientNames, subgraphCatalog, type SubgraphEntry } from '../../config/index.ts';
import { bffSubgraphName, formatSubgraphLocation } from '../../federation/index.ts';
import { schemasDir } from '../../schemas/index.ts';
import type { SubgraphVersion } from '../types.ts';
import type { LiveGraph, LiveSubgraph } from './LiveGraph.ts';

/** What the graph needs of a published version. */
export type PublishedSubgraph = Pick<SubgraphVersion, 'sdl' | 'clients' | 'location'>;

/** Options of {@link liveGraphFromCatalog}. */
export interface LiveGraphSources {
  /** Default: `schemas/subgraphs.json` as loaded at start. */
  readonly catalog?: readonly SubgraphEntry[];
  /** Reads an SDL file by its path under `schemas/` (e.g. `subgraphs/riders.graphql`). Default: from the repository's `schemas/`. */
  readonly readSchemaFile?: (path: string) => string;
}

/** The SDL file under `schemas/` a catalog subgraph's SDL is read from (in-process: `subgraphs/<name>.graphql`). */
export function catalogSdlPath(entry: SubgraphEntry): string {
  return entry.location.kind === 'in-process' ? `subgraphs/${entry.name}.graphql` : (entry.sdlFile ?? `remote/${entry.name}.graphql`);
}

/** The SDL file under `schemas/` of a client's BFF subgraph. */
export function bffSdlPath(client: string): string {
  return `bff/${client}.graphql`;
}

/**
 * The graph as served: each client's BFF subgraph, every catalog subgraph with its SDL from
 * `schemas/`, and the published versions, which win over the catalog for remote subgraphs (SDL,
 * clients, location) and add the subgraphs the catalog does not have. A published version of an
 * in-process subgraph is ignored: its SDL ships with its resolvers.
 */
export function liveGraphFromCatalog(published: ReadonlyMap<string, PublishedSubgraph> = new Map(), sources: LiveGraphSources = {}): LiveGraph {
  const catalog = sources.catalog ?? subgraphCatalog;
  const read = sources.readSchemaFile ?? ((path: string) => readFileSync(`${schemasDir}${path}`, 'utf8'));
  const bffs = clientNames.map((client): LiveSubgraph => ({ name: bffSubgraphName(client), sdl: read(bffSdlPath(client)), clients: [client], inProcess: true }));
  const fromCatalog = catalog.map((entry): LiveSubgraph => {
    const version = published.get(entry.name);
    if (entry.location.kind === 'in-process') return { name: entry.name, sdl: read(catalogSdlPath(entry)), clients: entry.clients, inProcess: true };
    if (version) return fromPublished(entry.name, version);
    const url = formatSubgraphLocation(entry.location.kind === 'url' ? { url: entry.location.url } : entry.location);
    return { name: entry.name, sdl: read(catalogSdlPath(entry)), clients: entry.clients, url, inProcess: false };
  });
  const known = new Set(catalog.map((entry) => entry.name));
  const onlyPublished = [...published].filter(([name]) => !known.has(name)).map(([name, version]) => fromPublished(name, version));
  return { subgraphs: [...bffs, ...fromCatalog, ...onlyPublished] };
}

function fromPublished(name: string, version: PublishedSubgraph): LiveSubgraph {
  return { name, sdl: version.sdl, clients: version.clients, url: formatSubgraphLocation(version.location), inProcess: false };
}
