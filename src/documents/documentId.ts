import { createHash } from 'node:crypto';

/**
 * How a trusted document is named: `sha256:` and the 64 lower-case hex digits of the SHA-256 of
 * the document's text (its UTF-8 bytes, exactly as the app sends it). The prefix is the form of the
 * GraphQL-over-HTTP persisted documents proposal, and keeps a document id apart from an APQ hash.
 */
export type DocumentId = `sha256:${string}`;

/** What a {@link DocumentId} looks like. */
export const documentIdPattern = /^sha256:[0-9a-f]{64}$/;

/** The id of a document's text: `sha256:<hex>` over its UTF-8 bytes. */
export function documentIdOf(text: string): DocumentId {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/** Whether `value` has the form of a {@link DocumentId} (says nothing of which document it names). */
export function isDocumentId(value: string): value is DocumentId {
  return documentIdPattern.test(value);
}
