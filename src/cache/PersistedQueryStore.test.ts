import { describe, expect, it } from 'vitest';
import { createKeyv } from './createKeyv.ts';
import { PersistedQueryStore } from './PersistedQueryStore.ts';

const config = {
  redisUrl: undefined,
  namespace: 'test',
  timeoutMs: 50,
  retryAfterMs: 1_000,
  connectTimeoutMs: 300,
  lruMaxEntries: 10,
  priceTtlMs: 1_000,
  priceFreshTtlMs: 0,
  idempotencyTtlMs: 1_000,
  apq: { enabled: { passenger: true, driver: true, web: true }, maxQueryBytes: 64, maxEntries: 2, ttlMs: 60_000 },
};

describe('PersistedQueryStore (in memory)', () => {
  it('keeps registered texts by hash, at most maxEntries (least recently used dropped) and none longer than maxQueryBytes', async () => {
    const store = PersistedQueryStore.over(createKeyv(config), config);
    expect(await store.lookup('a')).toBeUndefined();
    expect(await store.register('a', '{ a }')).toBe(true);
    expect(await store.register('b', '{ b }')).toBe(true);
    expect(await store.lookup('a')).toBe('{ a }');
    expect(await store.register('c', '{ c }')).toBe(true);
    // `b` was the least recently used of the two kept.
    expect(await store.lookup('b')).toBeUndefined();
    expect(await store.lookup('a')).toBe('{ a }');
    expect(await store.lookup('c')).toBe('{ c }');
    expect(await store.register('long', `{ ${'x '.repeat(40)}}`)).toBe(false);
    expect(await store.lookup('long')).toBeUndefined();
  });
});
