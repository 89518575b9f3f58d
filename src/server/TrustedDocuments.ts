/**
 * What the edge needs of the published app versions to run a document named by id: the same shape
 * as `AppDocuments` (src/publishing/apps), declared here because the server does not import
 * publishing; `startGateway` hands it the publishing's implementation.
 */
export type TrustedDocumentLookup =
  | { readonly kind: 'found'; readonly text: string; readonly appVersion: string }
  | { readonly kind: 'retired'; readonly appVersion: string }
  | { readonly kind: 'unknown' };

/** The apps' published documents by id, per client and app version. */
export interface TrustedDocuments {
  /** The document `documentId` of `client`: in `appVersion` when given, else in any active version that has it. */
  lookup(client: string, documentId: string, appVersion?: string): TrustedDocumentLookup;
  /** A document of `appVersion` ran now (kept for `list`'s last use; cheap, never a write per request). */
  recordUse(appVersion: string): void;
}
