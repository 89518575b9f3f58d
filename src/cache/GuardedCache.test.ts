import { randomUUID } from 'node:crypto';
import { Keyv } from 'keyv';
import { afterAll, describe, expect, it } from 'vitest';
import { startRedis, type RunningRedis } from '../../test/harness/startRedis.ts';
import { createKeyv } from './createKeyv.ts';
import { GuardedCache } from './GuardedCache.ts';
import { IdempotencyStore } from './IdempotencyStore.ts';
import { PriceCache } from './PriceCache.ts';

/** A Keyv whose store hangs or fails on demand. */
function faultyKeyv() {
  const data = new Map<string, unknown>();
  const state = { mode: 'ok' as 'ok' | 'hang' | 'fail', calls: 0 };
  const act = <T>(value: () => T): Promise<T> => {
    state.calls += 1;
    return state.mode === 'hang' ? new Promise<T>(() => undefined) : state.mode === 'fail' ? Promise.reject(new Error('ECONNREFUSED')) : Promise.resolve(value());
  };
  const store = {
    get: (key: string) => act(() => data.get(key)),
    set: (key: string, value: unknown) => act(() => (data.set(key, value), true)),
    delete: (key: string) => act(() => data.delete(key)),
    clear: () => act(() => data.clear()),
    on: () => store,
  };
  return { keyv: new Keyv({ store: store as never, throwOnErrors: true }), state, data };
}

function guarded(keyv: Keyv, health: string[] = [], now = Date.now) {
  return new GuardedCache({ keyv, timeoutMs: 50, retryAfterMs: 200, lruMaxEntries: 100, now, onHealthChange: (healthy, reason) => health.push(`${healthy}:${reason}`) });
}

describe('GuardedCache', () => {
  it('treats a hanging or failing store as a miss within the timeout, falls back to the LRU, logs each change once and recovers', async () => {
    const { keyv, state } = faultyKeyv();
    const health: string[] = [];
    let now = 1_000;
    const cache = guarded(keyv, health, () => now);
    await cache.set('k', 'v1', 60_000);
    expect(await cache.getBoth('k')).toEqual({ shared: 'v1', local: 'v1' });

    state.mode = 'hang';
    // The bound is the feature (a hanging store costs timeoutMs, 50 ms, not forever); generous for a busy CI.
    const started = performance.now();
    expect(await cache.getBoth('k')).toEqual({ shared: undefined, local: 'v1' });
    expect(performance.now() - started).toBeLessThan(2_000);
    // Skipped while unhealthy (the injected clock has not moved past retryAfterMs): the store is not asked at all.
    const calls = state.calls;
    expect(await cache.get('k')).toBe('v1');
    expect(state.calls).toBe(calls);

    state.mode = 'fail';
    now += 300;
    expect(await cache.set('k', 'v2', 60_000)).toBe(false);
    expect(cache.getLocal('k')).toBe('v2');

    state.mode = 'ok';
    now += 300;
    expect(await cache.get('other')).toBeUndefined();
    expect(cache.healthy).toBe(true);
    expect(health).toEqual(['false:no answer within 50 ms', 'true:answering again']);
  });
});

describe('PriceCache', () => {
  it('writes fresh prices through and serves the newest one as stale within maxAge only', async () => {
    let now = 1_000_000;
    const prices = new PriceCache(guarded(new Keyv()), { ttlMs: 86_400_000, now: () => now });
    await prices.remember([{ productId: 'p-1', price: { amount: 7.5, currency: 'EUR' }, quotedAtMs: now - 1_000 }, { productId: 'p-2', price: null, quotedAtMs: now }]);
    expect(await prices.read('p-1', 60_000)).toEqual({ amount: 7.5, currency: 'EUR', stale: true, quotedAt: new Date(now - 1_000).toISOString() });
    expect(await prices.read('p-2', 60_000)).toBeUndefined();
    now += 60_000;
    expect(await prices.read('p-1', 60_000)).toBeUndefined();
  });
});

describe('IdempotencyStore', () => {
  it('runs a write once per scope and key, concurrent repeats included', async () => {
    const store = new IdempotencyStore(guarded(new Keyv()), { ttlMs: 60_000 });
    const created = new Map<string, { id: string }>();
    let writes = 0;
    const call = (scope: string, key: string) =>
      store.once({
        scope,
        key,
        fingerprint: 'same-ride',
        run: async () => {
          writes += 1;
          await new Promise((resolve) => setTimeout(resolve, 10));
          const trip = { id: `t-${writes}` };
          created.set(trip.id, trip);
          return trip;
        },
        idOf: (trip) => trip.id,
        recall: async (id) => created.get(id),
      });
    const [a, b] = await Promise.all([call('r-1', 'key-1'), call('r-1', 'key-1')]);
    const c = await call('r-1', 'key-1');
    expect(a).toEqual({ id: 't-1' });
    expect(b).toBe(a);
    expect(c).toEqual(a);
    expect(writes).toBe(1);
    expect((await call('r-2', 'key-1')).id).toBe('t-2');
  });
});

describe('createKeyv with Redis (a redis-server of the test’s own)', () => {
  let server: RunningRedis | undefined;
  afterAll(async () => server?.stop());

  it('round-trips through Redis, and a bad address is a quick miss rather than a hang or a crash', async () => {
    server = await startRedis();
    const namespace = `test-${randomUUID()}`;
    const redis = createKeyv({ redisUrl: server.url, namespace, timeoutMs: 50, retryAfterMs: 1_000, connectTimeoutMs: 300, lruMaxEntries: 10, priceTtlMs: 1_000, priceFreshTtlMs: 0, idempotencyTtlMs: 1_000 });
    expect(await redis.ready).toBe(true);
    const cache = guarded(redis.keyv);
    try {
      expect(await cache.set('price:v1:p-x', { amount: 1 }, 10_000)).toBe(true);
      const fresh = guarded(redis.keyv);
      expect(await fresh.get('price:v1:p-x')).toEqual({ amount: 1 });
    } finally {
      await redis.close();
    }
    const nowhere = createKeyv({ redisUrl: 'redis://127.0.0.1:1', namespace, timeoutMs: 50, retryAfterMs: 1_000, connectTimeoutMs: 10_000, lruMaxEntries: 10, priceTtlMs: 1_000, priceFreshTtlMs: 0, idempotencyTtlMs: 1_000 });
    const started = performance.now();
    expect(await guarded(nowhere.keyv).get('x')).toBeUndefined();
    // The bound is the feature: a miss within about timeoutMs (50 ms), not the connect timeout (10 s) or a hang.
    expect(performance.now() - started).toBeLessThan(2_000);
    await nowhere.close();
  });
});
