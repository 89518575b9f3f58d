import { groupBy } from './mapByKey.ts';

/** A list lookup for one subject with a page size. */
export interface PageKey {
  readonly id: string;
  readonly first: number;
}

/** A paged lookup's DataLoader cache key: the same subject with another page size is another key. */
export const pageCacheKey = (key: PageKey): string => `${key.first}:${key.id}`;

/** One upstream call per distinct page size; results mapped back per key (empty when absent). */
export async function loadPages<T>(
  keys: readonly PageKey[],
  fetchPage: (ids: string[], first: number) => Promise<Record<string, T[]>>,
): Promise<T[][]> {
  const results = new Map<string, T[]>();
  await Promise.all(
    [...groupBy(keys, (key) => key.first)].map(async ([first, group]) => {
      const page = await fetchPage(
        group.map((key) => key.id),
        first,
      );
      for (const key of group) results.set(pageCacheKey(key), page[key.id] ?? []);
    }),
  );
  return keys.map((key) => results.get(pageCacheKey(key)) ?? []);
}
