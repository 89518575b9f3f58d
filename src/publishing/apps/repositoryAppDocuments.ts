import { fileURLToPath } from 'node:url';
import { clientNames } from '../../config/index.ts';
import { readPersistedManifest, type PersistedManifest } from '../../documents/index.ts';
import type { AppDocuments, DocumentLookup } from './AppDocuments.ts';

/** The app version the repository's manifest of `client` stands for: `<client>@0.0.0-repository`. */
export function repositoryAppVersion(client: string): string {
  return `${client}@0.0.0-repository`;
}

/** {@link AppDocuments} with the last use of each version, kept in memory. */
export interface RepositoryAppDocuments extends AppDocuments {
  /** When a document of `appVersion` last ran, ms since the epoch; undefined: never. */
  lastUse(appVersion: string): number | undefined;
}

/**
 * The apps' documents as the repository has them: each client's committed manifest
 * (`clients/<client>/__generated__/persisted-documents.json`) as one active version,
 * {@link repositoryAppVersion}; nothing is retired. Stands in for the published app versions of
 * the store until they exist; read once, here.
 */
export function repositoryAppDocuments(root: URL = new URL('../../../', import.meta.url)): RepositoryAppDocuments {
  const manifests = new Map<string, PersistedManifest>(
    clientNames.map((client) => [client, readPersistedManifest(fileURLToPath(new URL(`clients/${client}/__generated__/persisted-documents.json`, root)))]),
  );
  const lastUses = new Map<string, number>();
  return {
    lookup(client, documentId, appVersion): DocumentLookup {
      const manifest = manifests.get(client);
      const version = repositoryAppVersion(client);
      // A version this store does not hold has no documents: the id is unknown for it.
      if (!manifest || (appVersion !== undefined && appVersion !== version)) return { kind: 'unknown' };
      const text = Object.hasOwn(manifest, documentId) ? manifest[documentId as keyof PersistedManifest] : undefined;
      return text === undefined ? { kind: 'unknown' } : { kind: 'found', text, appVersion: version };
    },
    recordUse(appVersion) {
      lastUses.set(appVersion, Date.now());
    },
    lastUse: (appVersion) => lastUses.get(appVersion),
  };
}
