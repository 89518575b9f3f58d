import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, parse, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as driverDocuments from '../../clients/driver/__generated__/documents.ts';
import * as passengerDocuments from '../../clients/passenger/__generated__/documents.ts';
import * as webDocuments from '../../clients/web/__generated__/documents.ts';
import { documentIdOf } from './documentId.ts';
import { documentText } from './documentText.ts';
import { readPersistedManifest } from './readPersistedManifest.ts';

const clientsDir = fileURLToPath(new URL('../../clients/', import.meta.url));
const generated: Record<string, Record<string, DocumentNode>> = { passenger: passengerDocuments, driver: driverDocuments, web: webDocuments };

/** The operation names of `clients/<client>/*.graphql`. */
function sourceOperationNames(client: string): string[] {
  const dir = `${clientsDir}${client}/`;
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .flatMap((file) => parse(readFileSync(`${dir}${file}`, 'utf8')).definitions)
    .flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : []));
}

describe.each(Object.entries(generated))('the %s app’s generated manifest', (client, documents) => {
  const manifest = readPersistedManifest(`${clientsDir}${client}/__generated__/persisted-documents.json`);
  const operationIds = JSON.parse(readFileSync(`${clientsDir}${client}/__generated__/operation-ids.json`, 'utf8')) as Record<string, string>;

  it('holds every typed document’s printed text, byte for byte, under its id', () => {
    for (const document of Object.values(documents)) {
      const text = documentText(document);
      expect(manifest[documentIdOf(text)]).toBe(text);
    }
    expect(Object.keys(manifest)).toHaveLength(Object.keys(documents).length);
  });

  it('names every operation of clients/<client>/*.graphql, with the id of its document', () => {
    expect(Object.keys(operationIds).sort()).toEqual(sourceOperationNames(client).sort());
    for (const [name, id] of Object.entries(operationIds)) {
      const document = documents[`${name}Document`];
      expect(document, name).toBeDefined();
      expect(documentIdOf(documentText(document as DocumentNode))).toBe(id);
    }
  });
});
