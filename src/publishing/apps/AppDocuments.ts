/** What an app version's manifest says of one document id. */
export type DocumentLookup =
  | { readonly kind: 'found'; readonly text: string; readonly appVersion: string }
  | { readonly kind: 'retired'; readonly appVersion: string }
  | { readonly kind: 'unknown' };

/** The published documents of every app version, as the edge resolves a `documentId` (and records each version's last use). */
export interface AppDocuments {
  lookup(client: string, documentId: string, appVersion?: string): DocumentLookup;
  recordUse(appVersion: string): void;
}
