import { clientNames, subgraphCatalog, type ClientName, type SubgraphEntry } from '../config/index.ts';
import { bffSubgraphName, parseSubgraphUrl, type SubgraphSdl } from '../federation/index.ts';
import { liveGraphFromCatalog, type LiveGraph } from './checks/index.ts';
import type { PublishedLocation, SubgraphVersion } from './types.ts';

/** One subgraph as the gateway serves it now: from the repository, or its latest published version. */
export interface ServedSubgraph {
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

/**
 * The graph the gateway serves: every subgraph of `schemas/subgraphs.json` as the repository
 * ships it, with each remote one replaced (or a new one added) by its latest published version.
 * In-process subgraphs are never replaced: their SDL ships with their resolvers. Built once per
 * change from the same live graph the checks see ({@link checksView}), so what is checked is what
 * is served.
 */
export class PublishedGraph {
  readonly #catalog: readonly SubgraphEntry[];
  #published: ReadonlyMap<string, SubgraphVersion> = new Map();
  #checks: LiveGraph;
  #subgraphs: readonly ServedSubgraph[];

  constructor(catalog: readonly SubgraphEntry[] = subgraphCatalog) {
    this.#catalog = catalog;
    [this.#checks, this.#subgraphs] = this.#build();
  }

  /** Takes the store's live versions; returns the names of the subgraphs whose version changed. */
  setPublished(published: ReadonlyMap<string, SubgraphVersion>): string[] {
    const changed = [...new Set([...published.keys(), ...this.#published.keys()])].filter((name) => published.get(name)?.sdlHash !== this.#published.get(name)?.sdlHash || published.get(name)?.version !== this.#published.get(name)?.version);
    this.#published = published;
    [this.#checks, this.#subgraphs] = this.#build();
    return changed;
  }

  /** The published versions served (store's live set as this replica follows it). */
  published(): ReadonlyMap<string, SubgraphVersion> {
    return this.#published;
  }

  /** The graph as the checks take it (the apps' BFF subgraphs included). */
  checksView(): LiveGraph {
    return this.#checks;
  }

  /** Every subgraph, as served. */
  subgraphs(): readonly ServedSubgraph[] {
    return this.#subgraphs;
  }

  /** The subgraph named `name`, as served. */
  get(name: string): ServedSubgraph | undefined {
    return this.#subgraphs.find((subgraph) => subgraph.name === name);
  }

  /** What one client's supergraph is composed from: its BFF, then every subgraph that includes it (remote ones with their URL). */
  forClient(client: ClientName): SubgraphSdl[] {
    return this.#checks.subgraphs
      .filter((subgraph) => subgraph.clients.includes(client))
      .map((subgraph) => ({ name: subgraph.name, sdl: subgraph.sdl, ...(subgraph.url ? { url: subgraph.url } : {}) }));
  }

  /** `name@version` of every published subgraph a client includes, e.g. `promotions@3` (`repository` when none): the client's schema version. */
  versionOf(client: ClientName): string {
    const published = this.#subgraphs.filter((subgraph) => subgraph.version > 0 && subgraph.clients.includes(client)).map((subgraph) => `${subgraph.name}@${subgraph.version}`);
    return published.length > 0 ? published.sort().join(',') : 'repository';
  }

  /** The checks' live graph, and from it what is served: with versions, locations and the headers each may get. */
  #build(): [LiveGraph, ServedSubgraph[]] {
    const checks = liveGraphFromCatalog(this.#published, { catalog: this.#catalog });
    const entries = new Map(this.#catalog.map((entry) => [entry.name, entry]));
    const bffs = new Set(clientNames.map(bffSubgraphName));
    const served = checks.subgraphs
      .filter((subgraph) => !bffs.has(subgraph.name))
      .map((subgraph): ServedSubgraph => {
        const entry = entries.get(subgraph.name);
        return {
          name: subgraph.name,
          sdl: subgraph.sdl,
          clients: subgraph.clients as readonly ClientName[],
          inProcess: subgraph.inProcess,
          ...(subgraph.url ? { location: parseSubgraphUrl(subgraph.url) } : {}),
          version: subgraph.inProcess ? 0 : (this.#published.get(subgraph.name)?.version ?? 0),
          // Header forwarding stays the repository's configuration (none for a subgraph only published).
          forwardHeaders: entry?.forwardHeaders ?? [],
          forwardAuthorization: entry?.forwardAuthorization ?? false,
        };
      });
    return [checks, served];
  }
}
