import type { DegradedEntry } from './DegradedEntry.ts';

/** A degraded entry that stands for `count` instances of one field across list items. */
export interface CollapsedDegradedEntry extends DegradedEntry {
  readonly count?: number;
}

/**
 * Keeps `extensions.degraded` bounded: up to `maxEntries` entries are listed one by one; past that,
 * the entries of one field across list items (same path but for list indices, same service, reason
 * and fallback) become one entry with the first instance's path and `count` (ARCHITECTURE.md).
 */
export function collapseDegraded(entries: readonly DegradedEntry[], maxEntries: number): CollapsedDegradedEntry[] {
  if (entries.length <= maxEntries) return [...entries];
  const groups = new Map<string, { first: DegradedEntry; count: number }>();
  for (const entry of entries) {
    const key = [entry.path.map((segment) => (typeof segment === 'number' ? '@' : segment)).join('.'), entry.service, entry.reason, entry.fallback].join('|');
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { first: entry, count: 1 });
  }
  return [...groups.values()].map(({ first, count }) => (count > 1 ? { ...first, count } : first));
}
