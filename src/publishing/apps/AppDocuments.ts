/** What {@link AppDocuments.lookup} found for a document id. */
export type DocumentLookup =
  | { readonly kind: 'found'; readonly text: string; readonly appVersion: string } // appVersion like 'passenger@3.2.0'
  | { readonly kind: 'retired'; readonly appVersion: string }
  | { readonly kind: 'unknown' };

/** The trusted documents of every app version, as the endpoints look them up (synchronously: in memory, pushed by the store). */
export interface AppDocuments {
  /** The document `documentId` of app `client`: in the version named by `appVersion` (`x-app-version`), else any active version that has it. */
  lookup(client: string, documentId: string, appVersion?: string): DocumentLookup;
  /** Records a use (in memory; flushed to the store at most about once a minute, never per request). */
  recordUse(appVersion: string): void;
}
