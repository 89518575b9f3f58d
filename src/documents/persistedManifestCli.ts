/**
 * The last step of `npm run codegen`, after GraphQL Code Generator: for each client, reads its
 * typed documents (`clients/<client>/__generated__/documents.ts`) and writes beside them
 * `persisted-documents.json` (document id → text) and `operation-ids.json` (operation name → id).
 * The manifest's text is the typed document's printed text, byte for byte, so an app may send
 * either. Exits 1 naming the file when a client's documents are missing or miss an operation of
 * its `clients/<client>/*.graphql` (an anonymous one, or documents.ts older than the operations).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Kind, parse, Source, type DocumentNode } from 'graphql';
import { clientNames } from '../config/index.ts';
import { buildPersistedDocuments } from './buildPersistedDocuments.ts';

const clientsDir = fileURLToPath(new URL('../../clients/', import.meta.url));

try {
  for (const client of clientNames) await writeClientManifest(client);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

/** Writes one client's manifest and operation ids from its generated documents. */
async function writeClientManifest(client: string): Promise<void> {
  const generated = `${clientsDir}${client}/__generated__/`;
  if (!existsSync(`${generated}documents.ts`)) throw new Error(`clients/${client}/__generated__/documents.ts is missing: give the client its documents entry in codegen.yml`);
  const sources = sourceOperations(client);
  const anonymous = sources.find((source) => source.name === undefined);
  if (anonymous) throw new Error(`clients/${client}/${anonymous.file}: an app's operation needs a name (it names the operation's document)`);
  const exports = (await import(pathToFileURL(`${generated}documents.ts`).href)) as Record<string, unknown>;
  const { manifest, operationIds } = buildPersistedDocuments(Object.values(exports).filter(isDocumentNode));
  const missing = sources.find((source) => source.name !== undefined && !(source.name in operationIds));
  if (missing) throw new Error(`clients/${client}/${missing.file}: operation ${missing.name} has no generated document; run graphql-codegen first`);
  writeFileSync(`${generated}persisted-documents.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(`${generated}operation-ids.json`, `${JSON.stringify(operationIds, null, 2)}\n`);
}

/** Every operation of `clients/<client>/*.graphql`, with its file. */
function sourceOperations(client: string): { file: string; name: string | undefined }[] {
  const dir = `${clientsDir}${client}/`;
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .flatMap((file) =>
      parse(new Source(readFileSync(`${dir}${file}`, 'utf8'), `clients/${client}/${file}`))
        .definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
        .map((operation) => ({ file, name: operation.name?.value })),
    );
}

/** Whether a module export is a generated document (codegen exports only documents there, but be sure). */
function isDocumentNode(value: unknown): value is DocumentNode {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === Kind.DOCUMENT && Array.isArray((value as { definitions?: unknown }).definitions);
}
