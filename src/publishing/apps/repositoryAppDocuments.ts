import { existsSync } from 'node:fs';
import { clientNames } from '../../config/index.ts';
import { readPersistedManifest } from '../../documents/index.ts';
import { repositoryRoot } from '../checks/index.ts';
import type { AppDocuments, DocumentLookup } from './AppDocuments.ts';

/** The version the repository's own manifests stand for: always active. */
export const REPOSITORY_VERSION = '0.0.0-repository';

/**
 * {@link AppDocuments} over the repository's generated manifests
 * (`clients/<client>/__generated__/persisted-documents.json`, read once): each client's committed
 * manifest is version `<client>@0.0.0-repository`, always active. For tests and for a gateway
 * without published app versions; `recordUse` does nothing.
 */
export function repositoryAppDocuments(root: string = repositoryRoot): AppDocuments {
  const manifests = new Map<string, Readonly<Record<string, string>>>();
  for (const client of clientNames) {
    const path = `${root}clients/${client}/__generated__/persisted-documents.json`;
    if (existsSync(path)) manifests.set(client, readPersistedManifest(path));
  }
  return {
    lookup(client: string, documentId: string): DocumentLookup {
      const text = manifests.get(client)?.[documentId];
      return text === undefined ? { kind: 'unknown' } : { kind: 'found', text, appVersion: `${client}@${REPOSITORY_VERSION}` };
    },
    recordUse() {},
  };
}
