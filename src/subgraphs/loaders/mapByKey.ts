/**
 * Orders batch results to match the requested keys (DataLoader's contract: same length, same
 * order), with `null` where the service had nothing for a key.
 */
export function mapByKey<K, T>(keys: readonly K[], records: readonly T[], keyOf: (record: T) => K): (T | null)[] {
  const byKey = new Map<K, T>();
  for (const record of records) byKey.set(keyOf(record), record);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** Groups keys that share a parameter (e.g. `first`) so each group is one upstream call. */
export function groupBy<K, G>(keys: readonly K[], groupOf: (key: K) => G): Map<G, K[]> {
  const groups = new Map<G, K[]>();
  for (const key of keys) {
    const group = groupOf(key);
    const members = groups.get(group);
    if (members) members.push(key);
    else groups.set(group, [key]);
  }
  return groups;
}
