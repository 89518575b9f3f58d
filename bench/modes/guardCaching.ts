/**
 * Refusals decided while parsing or by the shape rules: the operation guard remembers the refusal
 * itself by the document's text (src/limits/OperationGuard.ts, `#shaped`), so the same text is
 * refused again from memory without being parsed.
 */
const refusedFromMemory = new Set([
  'GRAPHQL_PARSE_FAILED',
  'TOKEN_LIMIT_EXCEEDED',
  'DEPTH_LIMIT_EXCEEDED',
  'ALIAS_LIMIT_EXCEEDED',
  'DIRECTIVE_LIMIT_EXCEEDED',
  'ROOT_FIELD_LIMIT_EXCEEDED',
  'SELECTION_LIMIT_EXCEEDED',
  'INTROSPECTION_DEPTH_EXCEEDED',
]);

/**
 * What the operation guard remembers, by the document's text, of a document refused with `code`:
 * the refusal itself (parse and shape refusals); or the parsed, shape-checked document, with the
 * cost too when the operation has no variables (it cannot change), while argument bounds and a
 * cost that depends on variables are checked again per request. For the report: the measured
 * repeated-versus-first-seen times show what that memory saves.
 */
export function guardCaching(code: string, query: string): string {
  if (refusedFromMemory.has(code)) return 'the refusal';
  // A document declares variables with `$name:`; without them the cost is fixed and remembered.
  const hasVariables = /\$[_A-Za-z][_0-9A-Za-z]*\s*:/.test(query);
  if (code === 'COST_LIMIT_EXCEEDED') return hasVariables ? 'the parsed document; the cost is estimated per request (variables)' : 'the parsed document and its cost';
  if (code === 'BAD_USER_INPUT') return 'the parsed document; argument bounds are checked per request';
  return 'the parsed document';
}
