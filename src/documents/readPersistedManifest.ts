import { readFileSync } from 'node:fs';
import { documentIdOf, isDocumentId, type DocumentId } from './documentId.ts';
import { PersistedManifestError, type ManifestProblem } from './PersistedManifestError.ts';

/**
 * A persisted documents manifest (`clients/<client>/__generated__/persisted-documents.json`, and
 * what an app version publishes): a JSON object mapping each document's id to its text, where the
 * id is {@link documentIdOf} the text. An app sends either the id or the text; both name one document.
 */
export type PersistedManifest = Readonly<Record<DocumentId, string>>;

/** Reads and validates the manifest file at `path`; throws {@link PersistedManifestError} naming the file and each bad entry. */
export function readPersistedManifest(path: string): PersistedManifest {
  return parsePersistedManifest(readFileSync(path, 'utf8'), path);
}

/** Parses and validates a manifest's JSON text; throws {@link PersistedManifestError} naming `source` and each bad entry. */
export function parsePersistedManifest(json: string, source: string): PersistedManifest {
  let content: unknown;
  try {
    content = JSON.parse(json);
  } catch (error) {
    throw new PersistedManifestError(source, [{ entry: undefined, message: `is not JSON: ${(error as Error).message}` }]);
  }
  return validatePersistedManifest(content, source);
}

/**
 * Validates already parsed JSON as a manifest: an object whose every key is a document id
 * (`sha256:<64 lower-case hex>`) and whose every value is a non-empty string hashing to that id.
 * Returns it frozen; throws {@link PersistedManifestError} listing every bad entry.
 */
export function validatePersistedManifest(content: unknown, source: string): PersistedManifest {
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    throw new PersistedManifestError(source, [{ entry: undefined, message: `must be a JSON object of document id → document text, not ${describe(content)}` }]);
  }
  const problems: ManifestProblem[] = [];
  const entries: [DocumentId, string][] = [];
  for (const [id, text] of Object.entries(content)) {
    const problem = entryProblem(id, text);
    if (problem === undefined) entries.push([id as DocumentId, text as string]);
    else problems.push({ entry: id, message: problem });
  }
  if (problems.length > 0) throw new PersistedManifestError(source, problems);
  return Object.freeze(Object.fromEntries(entries) as Record<DocumentId, string>);
}

/** What is wrong with one entry, or undefined when nothing is. */
function entryProblem(id: string, text: unknown): string | undefined {
  if (!isDocumentId(id)) return 'the id is not of the form sha256:<64 lower-case hex digits>';
  if (typeof text !== 'string') return `the document must be its text (a string), not ${describe(text)}`;
  if (text.length === 0) return 'the document is empty';
  const actual = documentIdOf(text);
  if (actual !== id) return `the id is not the SHA-256 of the document's text, which is ${actual}`;
  return undefined;
}

/** A JSON value's kind, for messages. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
