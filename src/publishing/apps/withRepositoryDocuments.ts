import type { AppDocuments, DocumentLookup } from './AppDocuments.ts';

/**
 * The published app versions' documents, and after them the repository's own (`clients/**`, each
 * app's committed manifest as `<app>@0.0.0-repository`): those are validated in CI and protected by
 * schema publishing's client-safety check like an active version, so they are always known. A
 * published version's answer (found or retired) wins.
 */
export function withRepositoryDocuments(published: AppDocuments, repository: AppDocuments): AppDocuments {
  return {
    lookup(client, documentId, appVersion): DocumentLookup {
      const found = published.lookup(client, documentId, appVersion);
      return found.kind === 'unknown' ? repository.lookup(client, documentId, appVersion) : found;
    },
    recordUse(appVersion) {
      // Each ignores versions it does not have.
      published.recordUse(appVersion);
      repository.recordUse(appVersion);
    },
  };
}
