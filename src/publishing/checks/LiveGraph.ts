import type { ClientName } from '../../config/index.ts';

/** One subgraph of the graph as served (or as a change proposes it). */
export interface LiveSubgraph {
  readonly name: string;
  readonly sdl: string;
  /** The apps whose supergraph includes it. */
  readonly clients: readonly ClientName[];
  /** A remote subgraph's location as composition writes it (`http://...`, `registry://<service>/<path>`); absent when in-process. */
  readonly url?: string;
  /** Its resolvers live in this repository (domain and BFF subgraphs): its SDL ships with the code, check-only. */
  readonly inProcess: boolean;
}

/** Every subgraph of every client's supergraph, BFF subgraphs included (`bff-<client>`, one client each). */
export interface LiveGraph {
  readonly subgraphs: readonly LiveSubgraph[];
}

/** A proposed SDL for one subgraph, replacing (or adding) it in the supergraphs of `clients`. */
export interface ProposedChange {
  readonly subgraph: string;
  readonly sdl: string;
  /** The apps whose supergraph it joins; a client the live version joined but this list drops loses the subgraph. */
  readonly clients: readonly ClientName[];
  readonly url?: string;
  /** A breaking change no known operation uses rejects the change too (default: a warning). */
  readonly strict: boolean;
}

/** The live version of `name`, if the graph has it. */
export function liveSubgraph(graph: LiveGraph, name: string): LiveSubgraph | undefined {
  return graph.subgraphs.find((subgraph) => subgraph.name === name);
}

/**
 * The graph with `change` applied: the subgraph replaced in place (keeping whether it runs
 * in-process), or appended as a remote one when new.
 */
export function withChange(graph: LiveGraph, change: ProposedChange): LiveGraph {
  const live = liveSubgraph(graph, change.subgraph);
  const next: LiveSubgraph = {
    name: change.subgraph,
    sdl: change.sdl,
    clients: change.clients,
    ...(change.url === undefined ? {} : { url: change.url }),
    inProcess: live?.inProcess ?? false,
  };
  return {
    subgraphs: live ? graph.subgraphs.map((subgraph) => (subgraph === live ? next : subgraph)) : [...graph.subgraphs, next],
  };
}

/** The subgraphs `client`'s supergraph is composed from, in the graph's order. */
export function clientSubgraphs(graph: LiveGraph, client: ClientName): readonly LiveSubgraph[] {
  return graph.subgraphs.filter((subgraph) => subgraph.clients.includes(client));
}
