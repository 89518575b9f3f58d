/** The `fallback` value `extensions.degraded` reports for each kind (ARCHITECTURE.md); a CACHE miss reports `null`. */
export type DegradedFallback = 'cache' | 'default' | 'empty' | 'null';

/** One entry of `extensions.degraded` (ARCHITECTURE.md): a field instance that did not get fresh data. */
export interface DegradedEntry {
  /** As in GraphQL errors, list indices included. */
  readonly path: readonly (string | number)[];
  readonly service: string;
  /** The error code that caused it, e.g. `SERVICE_UNAVAILABLE`. */
  readonly reason: string;
  readonly fallback: string;
}
