/**
 * What a playground page starts with, as the browser reads it (`browser/playground.js`): built per
 * page served, so its demo tokens are fresh and its schema version and changes are current.
 */
export interface PlaygroundModel {
  readonly client: string;
  /** The client's GraphQL path, e.g. `/passenger/graphql` (WebSocket subscriptions on the same path). */
  readonly endpoint: string;
  /** The client's schema as served now. */
  readonly schema: { readonly version: string; readonly hash: string };
  /** One tab per operation of the app, the one it opens with first. */
  readonly tabs: readonly PlaygroundTab[];
  /** The identity picker's choices (demo mode; empty otherwise), the first one preselected. */
  readonly identities: readonly PlaygroundIdentity[];
  /** The latest published changes that touched this client's schema, newest first. */
  readonly changes: readonly PlaygroundChange[];
  /** Whether the fault panel is shown (demo mode: `/demo/faults` is proxied to the fleet). */
  readonly faults: boolean;
  /**
   * Whether the client requires trusted documents: the playground then runs only the app's
   * documents, by id, and reads the schema from {@link schemaUrl} (raw introspection text is refused too).
   */
  readonly documentsOnly: boolean;
  /** Where the schema's introspection is read when {@link documentsOnly}. */
  readonly schemaUrl: string;
}

/** One operation of the app, as its tab opens. */
export interface PlaygroundTab {
  readonly name: string;
  readonly kind: 'query' | 'mutation' | 'subscription';
  /** The document exactly as the app's manifest has it (so its id matches). */
  readonly query: string;
  readonly documentId: string;
  /** Example variables, as JSON text. */
  readonly variables: string;
}

/** A demo user of the picker: a token minted when the page was served, or none (an anonymous visitor). */
export interface PlaygroundIdentity {
  readonly label: string;
  readonly token?: string;
}

/** One published version that touched the client, with the lines of its diff for that client. */
export interface PlaygroundChange {
  readonly subgraph: string;
  readonly version: number;
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly rollbackOf?: number;
  readonly lines: readonly { readonly criticality: 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING'; readonly message: string }[];
}
