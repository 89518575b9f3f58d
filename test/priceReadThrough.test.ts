/** Read-through of the price cache: with PRICE_FRESH_TTL_MS set, a recent price is served fresh without asking pricing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';
import { operation } from './harness/operations.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';

let system: RunningSystem;
beforeAll(async () => {
  // The read-through is the subject, not deadlines: a busy CI machine must not fail a call here.
  system = await startSystem({ ...loadTolerantEnv, PRICE_FRESH_TTL_MS: '60000' });
});
afterAll(() => system?.stop());

type Products = { products: { id: string; price: { amount: number; stale: boolean } | null }[] };
const products = () => system.graphql<Products>('web', operation('web/Products'), {}, { token: null });

describe('price read-through', () => {
  it('asks pricing once, then serves the cached prices as fresh within the fresh TTL, even while pricing is down', async () => {
    await system.resetStats();
    const first = await products();
    expect(first.errors).toBeUndefined();
    expect((await system.stats()).pricing).toBe(1);

    await system.resetStats();
    // The write-through runs in the background: poll until the second answer is all from the cache.
    let second = await products();
    for (let i = 0; i < 20 && (await system.stats()).pricing !== 0; i++) {
      await system.resetStats();
      second = await products();
    }
    expect((await system.stats()).pricing ?? 0).toBe(0);
    expect(second.data!.products.map((p) => p.price)).toEqual(first.data!.products.map((p) => p.price));

    await system.control('PUT', '/faults/pricing', { mode: 'down' });
    try {
      const duringOutage = await products();
      expect(duringOutage.errors).toBeUndefined();
      expect(duringOutage.extensions?.degraded).toBeUndefined();
      for (const product of duringOutage.data!.products) expect(product.price).toMatchObject({ stale: false });
    } finally {
      await system.control('PUT', '/faults/pricing', { mode: 'ok' });
    }
  });
});
