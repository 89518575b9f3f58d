import { parse, Source, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { isPersistedManifestError, parsePersistedManifest, type PersistedManifest } from '../../documents/index.ts';

/** One document of a manifest that cannot be served: its id, its operations' names, and why. */
export interface ManifestDocumentProblem {
  /** The entry as given (its document id). */
  readonly entry: string;
  /** The operations the document defines, when it parses. */
  readonly operations: readonly string[];
  readonly message: string;
}

/** What {@link checkAppManifest} found: the manifest, or every problem (the manifest's form, or documents that do not validate). */
export type ManifestCheck =
  | { readonly ok: true; readonly manifest: PersistedManifest; readonly documentCount: number }
  | { readonly ok: false; readonly problems: readonly ManifestDocumentProblem[]; readonly message: string };

/**
 * Checks an app version's manifest (its JSON text) before it is published: it is JSON, an object
 * of `sha256:<hex>` → text where each id is its text's hash (`validatePersistedManifest`), and
 * every document parses and validates (graphql `validate`, the specified rules) against the
 * client's live API schema. Names every failing entry, not just the first.
 */
export function checkAppManifest(appVersion: string, json: string, schema: GraphQLSchema): ManifestCheck {
  let manifest: PersistedManifest;
  try {
    manifest = parsePersistedManifest(json, appVersion);
  } catch (error) {
    if (!isPersistedManifestError(error)) throw error;
    return { ok: false, message: error.message, problems: error.problems.map((problem) => ({ entry: problem.entry ?? '(manifest)', operations: [], message: problem.message })) };
  }
  const problems: ManifestDocumentProblem[] = [];
  for (const [id, text] of Object.entries(manifest)) {
    let document;
    try {
      document = parse(new Source(text, id));
    } catch (error) {
      problems.push({ entry: id, operations: [], message: `does not parse: ${(error as Error).message}` });
      continue;
    }
    const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition').map((operation) => operation.name?.value ?? '(anonymous)');
    if (operations.length === 0) {
      problems.push({ entry: id, operations, message: 'defines no operation' });
      continue;
    }
    const errors = validate(schema, document);
    if (errors.length > 0) problems.push({ entry: id, operations, message: `does not validate against the live schema: ${errors.map((error) => error.message).join(' ')}` });
  }
  if (problems.length > 0) {
    const lines = problems.map((problem) => `- entry "${problem.entry}"${problem.operations.length > 0 ? ` (${problem.operations.join(', ')})` : ''}: ${problem.message}`);
    return { ok: false, problems, message: `${appVersion}: ${problems.length} of ${Object.keys(manifest).length} documents cannot be served:\n${lines.join('\n')}` };
  }
  return { ok: true, manifest, documentCount: Object.keys(manifest).length };
}
