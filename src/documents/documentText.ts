import { print, type DocumentNode } from 'graphql';

/**
 * The text an app sends for a typed document (`clients/<client>/__generated__/documents.ts`):
 * graphql-js's `print` of it, as GraphQL clients send a `DocumentNode`. The manifests hold this
 * text, so its {@link documentIdOf} is the id the gateway knows the document by.
 */
export function documentText(document: DocumentNode): string {
  return print(document);
}
