import { Kind, type DocumentNode } from 'graphql';
import { documentIdOf, type DocumentId } from './documentId.ts';
import { documentText } from './documentText.ts';
import type { PersistedManifest } from './readPersistedManifest.ts';

/** A client's trusted documents, as `npm run codegen` writes them beside its typed documents. */
export interface PersistedDocuments {
  /** Document id → text (`persisted-documents.json`). */
  readonly manifest: PersistedManifest;
  /** Operation name → document id (`operation-ids.json`), for apps that send ids. */
  readonly operationIds: Readonly<Record<string, DocumentId>>;
}

/**
 * The manifest of a client's typed documents, each holding one named operation (and the fragments
 * it spreads), in operation name order so the generated files diff cleanly. Throws an Error naming
 * the document when one holds no operation, several, an unnamed one, or a name already taken.
 */
export function buildPersistedDocuments(documents: Iterable<DocumentNode>): PersistedDocuments {
  const byName = new Map<string, string>();
  for (const document of documents) {
    const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    const text = documentText(document);
    const name = operations.length === 1 ? operations[0]?.name?.value : undefined;
    if (name === undefined) throw new Error(`a persisted document holds exactly one named operation; this one holds ${operations.length} (${operations.map((operation) => operation.name?.value ?? 'anonymous').join(', ') || 'none'}):\n${text}`);
    if (byName.has(name)) throw new Error(`two documents name their operation ${name}`);
    byName.set(name, text);
  }
  const names = [...byName.keys()].sort();
  const manifest: Record<DocumentId, string> = {};
  const operationIds: Record<string, DocumentId> = {};
  for (const name of names) {
    const text = byName.get(name) as string;
    const id = documentIdOf(text);
    manifest[id] = text;
    operationIds[name] = id;
  }
  return { manifest: Object.freeze(manifest), operationIds: Object.freeze(operationIds) };
}
