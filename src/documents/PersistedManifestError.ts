/** One thing wrong with a manifest: the entry (its id as given) it concerns, or none for the whole file. */
export interface ManifestProblem {
  readonly entry: string | undefined;
  readonly message: string;
}

/** How many problems the error's message lists; {@link PersistedManifestError.problems} holds them all. */
const listedProblems = 10;

/** A persisted documents manifest that is not JSON, not an object of id → text, or has an entry whose id is not its text's hash. */
export class PersistedManifestError extends Error {
  /** Where the manifest came from (a file path, `app passenger@3.2.0`...), as the message names it. */
  readonly source: string;
  readonly problems: readonly ManifestProblem[];

  constructor(source: string, problems: readonly ManifestProblem[]) {
    const lines = problems.slice(0, listedProblems).map((problem) => (problem.entry === undefined ? problem.message : `entry "${problem.entry}": ${problem.message}`));
    const more = problems.length > listedProblems ? `\n- and ${problems.length - listedProblems} more` : '';
    super(`Invalid persisted documents manifest ${source}:\n- ${lines.join('\n- ')}${more}`);
    this.name = 'PersistedManifestError';
    this.source = source;
    this.problems = problems;
  }
}

/** Type guard for {@link PersistedManifestError}. */
export function isPersistedManifestError(error: unknown): error is PersistedManifestError {
  return error instanceof PersistedManifestError;
}
