import { createHash } from 'node:crypto';
import { buildSchema, parse } from 'graphql';
import { TokenRules } from '../authz/index.ts';
import { CacheHints } from '../cacheControl/index.ts';
import type { ClientName, LimitsConfig } from '../config/index.ts';
import { describeError } from '../errors/index.ts';
import { CostModel, OperationGuard } from '../limits/index.ts';
import { composeClientSupergraph, type ClientSupergraph, type SubgraphSdl } from './composeClientSupergraph.ts';
import { SwappableSupergraph } from './SwappableSupergraph.ts';

/** One client's schema as served: its supergraph and what the edge derives from it. */
export interface ClientSchema {
  readonly supergraph: ClientSupergraph;
  readonly costModel: CostModel;
  readonly guard: OperationGuard;
  readonly tokenRules: TokenRules;
  /** `@cacheControl` hints of its subgraphs: how long, and for whom, a GET's answer may be cached. */
  readonly cacheHints: CacheHints;
  /** The published subgraph versions it includes (`promotions@3`), or `repository`. */
  readonly version: string;
  /** sha256 of its supergraph SDL, first 16 hex digits. */
  readonly hash: string;
}

/** How a client's schema is doing, for `/readyz`. */
export interface ClientSchemaStatus {
  readonly version: string;
  readonly hash: string;
  readonly servedSince: string;
  /** The last version this replica could not serve, and why (it kept the one it has). */
  readonly refused?: { readonly version: string; readonly reason: string; readonly at: string };
}

/** Options of {@link ClientSchemas}. */
export interface ClientSchemasOptions {
  readonly clients: readonly ClientName[];
  /** What a client's supergraph is composed from now (its BFF, in-process and remote subgraphs). */
  readonly subgraphsFor: (client: ClientName) => SubgraphSdl[];
  /** The client's schema version now (`promotions@3`). */
  readonly versionOf: (client: ClientName) => string;
  readonly limits: LimitsConfig;
  /** Where swaps and refusals are told. Default: one line on stderr. */
  readonly log?: (line: string) => void;
}

/**
 * Every client's schema, composed from the graph as published, and swapped whole when it changes:
 * {@link refresh} recomposes each client; a client whose supergraph changed gets it through its
 * gateway's {@link SwappableSupergraph} (requests in flight finish on the old one), and its limits,
 * cost model and token rules follow from the next request on. A client that does not compose, or
 * that its gateway refuses, keeps the schema it has; the refusal is logged and shown in `/readyz`.
 */
export class ClientSchemas {
  readonly #options: ClientSchemasOptions;
  readonly #log: (line: string) => void;
  readonly #served = new Map<ClientName, { schema: ClientSchema; since: Date }>();
  readonly #refused = new Map<ClientName, NonNullable<ClientSchemaStatus['refused']>>();
  readonly #supergraphs = new Map<ClientName, SwappableSupergraph>();

  /** Composes every client's schema; throws a `CompositionError` naming every problem when one does not compose. */
  constructor(options: ClientSchemasOptions) {
    this.#options = options;
    this.#log = options.log ?? ((line) => console.warn(line));
    for (const client of options.clients) {
      const schema = this.#compose(client);
      this.#served.set(client, { schema, since: new Date() });
      this.#supergraphs.set(client, new SwappableSupergraph(schema.supergraph.supergraphSdl));
    }
  }

  /** The client's schema being served. */
  current(client: ClientName): ClientSchema {
    const served = this.#served.get(client);
    if (!served) throw new Error(`No schema for client ${client}`);
    return served.schema;
  }

  /** The supergraph the client's gateway loads and is swapped through. */
  supergraph(client: ClientName): SwappableSupergraph {
    const supergraph = this.#supergraphs.get(client);
    if (!supergraph) throw new Error(`No supergraph for client ${client}`);
    return supergraph;
  }

  /** Recomposes `clients` (default every one) and swaps those whose supergraph changed; returns the clients swapped. */
  refresh(clients: readonly ClientName[] = this.#options.clients): ClientName[] {
    const swapped: ClientName[] = [];
    for (const client of clients) {
      const version = this.#options.versionOf(client);
      const started = performance.now();
      try {
        const schema = this.#compose(client);
        if (schema.hash === this.current(client).hash) continue;
        this.supergraph(client).swap(schema.supergraph.supergraphSdl);
        const previous = this.current(client);
        this.#served.set(client, { schema, since: new Date() });
        this.#refused.delete(client);
        swapped.push(client);
        this.#log(`schema: ${client} now serves ${schema.version} (${schema.hash}), was ${previous.version} (${previous.hash}); composed and swapped in ${Math.round(performance.now() - started)} ms.`);
      } catch (error) {
        const reason = describeError(error);
        this.#refused.set(client, { version, reason, at: new Date().toISOString() });
        this.#log(`schema: ${client} keeps ${this.current(client).version} (${this.current(client).hash}): ${version} cannot be served: ${reason}`);
      }
    }
    return swapped;
  }

  /** Each client's version, hash, since when, and the last refusal. */
  status(): Record<string, ClientSchemaStatus> {
    return Object.fromEntries(
      this.#options.clients.map((client) => {
        const served = this.#served.get(client);
        const refused = this.#refused.get(client);
        return [client, { version: served?.schema.version ?? 'none', hash: served?.schema.hash ?? '', servedSince: served?.since.toISOString() ?? '', ...(refused ? { refused } : {}) }];
      }),
    );
  }

  #compose(client: ClientName): ClientSchema {
    const subgraphs = this.#options.subgraphsFor(client);
    const supergraph = composeClientSupergraph(client, subgraphs);
    const sdls = subgraphs.map(({ sdl }) => sdl);
    const documents = sdls.map((sdl) => parse(sdl));
    const costModel = new CostModel(documents);
    const limits = this.#options.limits;
    return {
      supergraph,
      costModel,
      guard: new OperationGuard({ schema: buildSchema(supergraph.apiSchemaSdl), costModel, limits: limits.clients[client], maxIdLength: limits.maxIdLength }),
      tokenRules: new TokenRules(sdls),
      cacheHints: new CacheHints(documents),
      version: this.#options.versionOf(client),
      hash: createHash('sha256').update(supergraph.supergraphSdl).digest('hex').slice(0, 16),
    };
  }
}
