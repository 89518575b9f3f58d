import type { ClientName } from '../config/index.ts';

/** Where a published (remote) subgraph lives: a URL, or a service in the registry and the path it serves at. */
export type PublishedLocation = { readonly url: string } | { readonly service: string; readonly path: string };

/** One change a diff found, classified as @graphql-inspector/core does. */
export interface SchemaChange {
  readonly criticality: 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';
  readonly message: string;
  /** Schema coordinate it is about, e.g. `Product.promotion` (absent when the change has none). */
  readonly path?: string;
}

/** A client operation the change would break. */
export interface BrokenOperation {
  readonly client: ClientName;
  /** The operation's name and file, e.g. `PassengerHome (clients/passenger/PassengerHome.graphql)`. */
  readonly operation: string;
  /** The schema coordinate it selects that the change breaks, e.g. `Rider.vouchers`. */
  readonly field: string;
  readonly message: string;
}

/** A composition error of one client's proposed supergraph. */
export interface CompositionProblem {
  readonly client: ClientName;
  readonly message: string;
  /** The subgraph the error names, when it names one. */
  readonly subgraph?: string;
  /** Line and column in the subgraph's SDL, when known. */
  readonly locations?: readonly { readonly line: number; readonly column: number }[];
}

/** What a check found; `ok` is the verdict. Stored with each accepted version as its summary. */
export interface CheckReport {
  readonly ok: boolean;
  readonly subgraph: string;
  /** Problems that reject the change: composition, fallback and authorization rules, team rules, broken operations. */
  readonly errors: readonly string[];
  readonly composition: readonly CompositionProblem[];
  /** The diff against the live version of the subgraph's SDL. */
  readonly changes: readonly SchemaChange[];
  /** Per client whose schema it joins: the diff of that client's resulting API schema. */
  readonly clientChanges: Readonly<Partial<Record<ClientName, readonly SchemaChange[]>>>;
  readonly brokenOperations: readonly BrokenOperation[];
  /** Breaking changes no known operation uses (an error with `strict`). */
  readonly warnings: readonly string[];
}

/** One stored version of a published subgraph. */
export interface SubgraphVersion {
  readonly subgraph: string;
  /** 1, 2, ... per subgraph. */
  readonly version: number;
  readonly sdl: string;
  /** sha256 of the SDL, hex. */
  readonly sdlHash: string;
  readonly location: PublishedLocation;
  readonly clients: readonly ClientName[];
  /** `admin` or `team:<name>`. */
  readonly publishedBy: string;
  /** ISO date-time. */
  readonly publishedAt: string;
  /** The check it passed (changes, per-client diffs, warnings). */
  readonly summary: CheckReport;
  /** Set when this version restores an earlier one. */
  readonly rollbackOf?: number;
}

/** A publish that lost a race: the live version is no longer the one it was checked against. */
export class StoreConflict extends Error {
  readonly live: number;
  constructor(subgraph: string, expected: number, live: number) {
    super(`${subgraph} changed while this publish was checked (expected version ${expected}, live ${live}); check again.`);
    this.name = 'StoreConflict';
    this.live = live;
  }
}

/**
 * Where published versions live, with their history: files under `DATA_DIR` (one gateway) or
 * etcd (every replica watches it). Every write is whole or absent.
 */
export interface SchemaStore {
  /** Each published subgraph's live (latest) version. */
  live(): Promise<ReadonlyMap<string, SubgraphVersion>>;
  /** Every version of `subgraph`, oldest first; empty when it was never published. */
  history(subgraph: string): Promise<readonly SubgraphVersion[]>;
  /**
   * Stores `next` as version `expectedVersion + 1` only if the live version is still
   * `expectedVersion` (0: never published); rejects with {@link StoreConflict} otherwise.
   */
  publish(next: Omit<SubgraphVersion, 'version'>, expectedVersion: number): Promise<SubgraphVersion>;
  /** Calls `listener` with the live set after every change, this replica's and others'. Returns the unsubscribe function. */
  watch(listener: (live: ReadonlyMap<string, SubgraphVersion>) => void): () => void;
  close(): Promise<void>;
}

/** Who is asking the admin API: the admin, or a team allowed its own subgraphs and locations. */
export type Principal =
  | { readonly kind: 'admin' }
  | {
      readonly kind: 'team';
      readonly team: string;
      /** The subgraphs it owns: the only ones it may publish or roll back. */
      readonly subgraphs: ReadonlySet<string>;
      /** Hosts (`host` or `host:port`) its URL locations may name. */
      readonly hosts: ReadonlySet<string>;
      /** Registry service names its locations may name. */
      readonly services: ReadonlySet<string>;
    };
