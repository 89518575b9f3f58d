import type { z } from 'zod';

/** A catalog file (`schemas/services.json`, `schemas/clients.json`) that is malformed; names the file, the entry and what is wrong. */
export class CatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogError';
  }

  /** One error listing every zod issue as `<file>: <entry path>: <message>`. */
  static fromIssues(source: string, issues: readonly z.core.$ZodIssue[]): CatalogError {
    const problems = issues.map((issue) => `${source}: ${issue.path.map(String).join('.') || '(root)'}: ${describe(issue)}`);
    return new CatalogError(`Invalid catalog:\n- ${problems.join('\n- ')}`);
  }
}

/** An issue's message; a bad record key's says what a key must be (zod nests it). */
function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key' && issue.issues.length > 0) return issue.issues.map((inner) => inner.message).join('; ');
  return issue.message;
}
