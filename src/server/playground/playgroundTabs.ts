import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { clientEntry, type ClientName } from '../../config/index.ts';
import { readPersistedManifest } from '../../documents/index.ts';
import type { PlaygroundTab } from './PlaygroundModel.ts';

const clientsDir = new URL('../../../clients/', import.meta.url);

/** Example variables as the variables editor shows them. */
function variablesText(variables: Readonly<Record<string, unknown>> | undefined): string {
  return variables && Object.keys(variables).length > 0 ? JSON.stringify(variables, null, 2) : '{}';
}

/**
 * One tab per operation of the app, from its generated manifest (`clients/<client>/__generated__`:
 * the documents exactly as the app sends them, and their ids), with the example variables of
 * `schemas/clients.json`; the one the playground opens with first, the rest by name.
 */
export function playgroundTabs(client: ClientName): PlaygroundTab[] {
  const generated = new URL(`${client}/__generated__/`, clientsDir);
  const ids = JSON.parse(readFileSync(fileURLToPath(new URL('operation-ids.json', generated)), 'utf8')) as Record<string, string>;
  const manifest = readPersistedManifest(fileURLToPath(new URL('persisted-documents.json', generated)));
  const { opens, variables } = clientEntry(client).playground;
  const names = Object.keys(ids).sort((a, b) => (a === opens ? -1 : b === opens ? 1 : a.localeCompare(b)));
  return names.map((name) => {
    const documentId = ids[name] as string;
    const query = manifest[documentId as keyof typeof manifest];
    if (query === undefined) throw new Error(`clients/${client}/__generated__: ${name} (${documentId}) is not in persisted-documents.json; run npm run codegen`);
    const kind = /^\s*(mutation|subscription)\b/.exec(query)?.[1] ?? 'query';
    return { name, kind: kind as PlaygroundTab['kind'], query, documentId, variables: variablesText(variables[name]) };
  });
}
