import { GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';

/** A query text, parsed and validated against the schema, or why it is refused. */
export type PreparedDocument =
  | { readonly ok: true; readonly document: DocumentNode }
  | { readonly ok: false; readonly code: 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED'; readonly errors: readonly GraphQLError[] };

/** Texts longer than this (characters) are prepared every time rather than kept. */
const MAX_CACHED_QUERY_CHARS = 65_536;

/**
 * Parses and validates each distinct query text once: a gateway sends the same few fetch
 * operations over and over, so the per-request cost is one map lookup. Bounded: past `maxEntries`
 * the least recently used text is dropped.
 */
export class DocumentCache {
  readonly #schema: GraphQLSchema;
  readonly #maxEntries: number;
  /** Insertion order is recency: a hit moves its entry to the end. */
  readonly #entries = new Map<string, PreparedDocument>();

  /** @param maxEntries distinct texts kept (default 500). */
  constructor(schema: GraphQLSchema, maxEntries = 500) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`DocumentCache: maxEntries must be an integer ≥ 1; got ${maxEntries}`);
    this.#schema = schema;
    this.#maxEntries = maxEntries;
  }

  /** The prepared document for `query`. */
  get(query: string): PreparedDocument {
    const known = this.#entries.get(query);
    if (known !== undefined) {
      this.#entries.delete(query);
      this.#entries.set(query, known);
      return known;
    }
    const prepared = this.#prepare(query);
    if (query.length <= MAX_CACHED_QUERY_CHARS) {
      if (this.#entries.size >= this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value as string);
      this.#entries.set(query, prepared);
    }
    return prepared;
  }

  #prepare(query: string): PreparedDocument {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return { ok: false, code: 'GRAPHQL_PARSE_FAILED', errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error))] };
    }
    const errors = validate(this.#schema, document);
    return errors.length > 0 ? { ok: false, code: 'GRAPHQL_VALIDATION_FAILED', errors } : { ok: true, document };
  }
}
