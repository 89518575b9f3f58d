import { subgraphCatalog, type ClientName, type SubgraphEntry } from '../config/index.ts';
import { bffSubgraphName, subgraphSdl, type SubgraphSdl } from '../federation/index.ts';
import { readBffSdl } from '../schemas/index.ts';
import type { PublishedLocation, SubgraphVersion } from './types.ts';

/** One subgraph as the gateway serves it now: from the repository, or its latest published version. */
export interface LiveSubgraph {
  readonly name: string;
  readonly sdl: string;
  readonly clients: readonly ClientName[];
  /** In-process: resolvers in this repository (check-only). */
  readonly inProcess: boolean;
  /** A remote subgraph's location. */
  readonly location?: PublishedLocation;
  /** 0: as the repository ships it; n: published version n. */
  readonly version: number;
  readonly forwardHeaders: readonly string[];
  readonly forwardAuthorization: boolean;
}

/** A location as a supergraph's `join__graph(url:)` writes it (`registry://<service><path>` for the registry). */
export function locationUrl(location: PublishedLocation): string {
  return 'url' in location ? location.url : `registry://${location.service}${location.path}`;
}

/**
 * The graph the gateway serves: every subgraph of `schemas/subgraphs.json` as the repository
 * ships it, with each remote one replaced (or a new one added) by its latest published version.
 * In-process subgraphs are never replaced: their SDL ships with their resolvers.
 */
export class PublishedGraph {
  readonly #catalog: readonly SubgraphEntry[];
  #published: ReadonlyMap<string, SubgraphVersion> = new Map();
  #subgraphs: readonly LiveSubgraph[];

  constructor(catalog: readonly SubgraphEntry[] = subgraphCatalog) {
    this.#catalog = catalog;
    this.#subgraphs = this.#build();
  }

  /** Takes the store's live versions; returns the names of the subgraphs whose version changed. */
  setPublished(published: ReadonlyMap<string, SubgraphVersion>): string[] {
    const changed = [...new Set([...published.keys(), ...this.#published.keys()])].filter((name) => published.get(name)?.sdlHash !== this.#published.get(name)?.sdlHash || published.get(name)?.version !== this.#published.get(name)?.version);
    this.#published = published;
    this.#subgraphs = this.#build();
    return changed;
  }

  /** The published versions served (store's live set as this replica follows it). */
  published(): ReadonlyMap<string, SubgraphVersion> {
    return this.#published;
  }

  /** Every subgraph, as served. */
  subgraphs(): readonly LiveSubgraph[] {
    return this.#subgraphs;
  }

  /** The subgraph named `name`, as served. */
  get(name: string): LiveSubgraph | undefined {
    return this.#subgraphs.find((subgraph) => subgraph.name === name);
  }

  /** What one client's supergraph is composed from: its BFF, then every subgraph that includes it (remote ones with their URL). */
  forClient(client: ClientName): SubgraphSdl[] {
    return [
      { name: bffSubgraphName(client), sdl: readBffSdl(client) },
      ...this.#subgraphs
        .filter((subgraph) => subgraph.clients.includes(client))
        .map((subgraph) => ({ name: subgraph.name, sdl: subgraph.sdl, ...(subgraph.location ? { url: locationUrl(subgraph.location) } : {}) })),
    ];
  }

  /** `name@version` of every published subgraph a client includes, e.g. `promotions@3` (`repository` when none): the client's schema version. */
  versionOf(client: ClientName): string {
    const published = this.#subgraphs.filter((subgraph) => subgraph.version > 0 && subgraph.clients.includes(client)).map((subgraph) => `${subgraph.name}@${subgraph.version}`);
    return published.length > 0 ? published.sort().join(',') : 'repository';
  }

  #build(): LiveSubgraph[] {
    const fromRepository = this.#catalog.map((entry): LiveSubgraph => {
      const published = entry.location.kind === 'in-process' ? undefined : this.#published.get(entry.name);
      if (published) return fromVersion(published, entry);
      return {
        name: entry.name,
        sdl: subgraphSdl(entry),
        clients: entry.clients,
        inProcess: entry.location.kind === 'in-process',
        ...(entry.location.kind === 'registry' ? { location: { service: entry.location.service, path: entry.location.path } } : {}),
        ...(entry.location.kind === 'url' ? { location: { url: entry.location.url } } : {}),
        version: 0,
        forwardHeaders: entry.forwardHeaders,
        forwardAuthorization: entry.forwardAuthorization,
      };
    });
    const known = new Set(this.#catalog.map((entry) => entry.name));
    const added = [...this.#published.values()].filter((version) => !known.has(version.subgraph)).map((version) => fromVersion(version, undefined));
    return [...fromRepository, ...added];
  }
}

/** A published version as served; header forwarding stays the repository's configuration (none for a new subgraph). */
function fromVersion(version: SubgraphVersion, entry: SubgraphEntry | undefined): LiveSubgraph {
  return {
    name: version.subgraph,
    sdl: version.sdl,
    clients: version.clients,
    inProcess: false,
    location: version.location,
    version: version.version,
    forwardHeaders: entry?.forwardHeaders ?? [],
    forwardAuthorization: entry?.forwardAuthorization ?? false,
  };
}
