import type { z } from 'zod';

/** A catalog file (`schemas/services.json`, `schemas/clients.json`) that is malformed; names the file, the entry and what is wrong. */
export class CatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogError';
  }

  /** One error listing every zod issue as `<file>: <entry path>: <message>`. */
  static fromIssues(source: string, issues: readonly z.core.$ZodIssue[]): CatalogError {
    const problems = issues.map((issue) => `${source}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    return new CatalogError(`Invalid catalog:\n- ${problems.join('\n- ')}`);
  }
}
