import type { GraphQLResult } from './startSystem.ts';

/** One `extensions.degraded` entry (ARCHITECTURE.md). */
export interface DegradedEntry {
  path: (string | number)[];
  service: string;
  reason: string;
  fallback: 'cache' | 'default' | 'empty' | 'null';
}

/** The response's `extensions.degraded` (empty when absent). */
export function degradedOf(result: GraphQLResult<unknown>): DegradedEntry[] {
  return (result.extensions?.degraded as DegradedEntry[] | undefined) ?? [];
}

/** Runs `send` and measures how long it took, ms. */
export async function timed<T>(send: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await send();
  return { result, ms: performance.now() - started };
}
