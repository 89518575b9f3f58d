/**
 * The price cache behind `Product.price @fallback(kind: CACHE)`: stale prices when pricing is down,
 * null with an error when nothing was cached, shared between gateway processes through Redis, and
 * a Redis that dies or hangs costs nothing but the cache (fresh prices, no hang).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation } from './harness/operations.ts';
import { degradedOf, timed } from './harness/degraded.ts';
import { startRedis, type RunningRedis } from './harness/startRedis.ts';
import { startSystem, type GraphQLResult, type RunningSystem } from './harness/startSystem.ts';
import { waitFor } from './harness/waitFor.ts';

const DEADLINE_MS = 1_000;
const namespace = `test-${randomUUID()}`;
let redis: RunningRedis;
let first: RunningSystem;
let second: RunningSystem;

beforeAll(async () => {
  redis = await startRedis();
  const env = { REDIS_URL: redis.url, CACHE_NAMESPACE: namespace, DEADLINE_MS: String(DEADLINE_MS), BREAKER_MIN_CALLS: '100000' };
  first = await startSystem(env);
  // A second replica: no fleet of its own, the first one's registry, the same Redis.
  second = await startSystem({ ...env, DEMO_FLEET: 'false', REGISTRY_URL: first.url });
}, 90_000);
afterAll(async () => {
  await Promise.all([second?.stop(), first?.stop()]);
  await redis?.stop();
});

type Result = GraphQLResult<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
const productDetails = (system: RunningSystem): Promise<Result> =>
  system.graphql('web', operation('web/ProductDetails'), { id: 'p-comfort' }, { token: null });
const passengerHome = (system: RunningSystem): Promise<Result> =>
  system.graphql('passenger', operation('passenger/PassengerHome'), { lat: 38.7223, lng: -9.1393 });
const pricing = (mode: 'ok' | 'down') => first.control('PUT', '/faults/pricing', { mode });
const cachedPriceKeys = () => redis.cli('--scan', '--pattern', `${namespace}*price:v1:*`).split('\n').filter(Boolean).length;

describe('price cache', () => {
  it('with nothing cached, price is null with its error and the rest of the page is intact', async () => {
    await pricing('down');
    try {
      const result = await productDetails(first);
      expect(result.data!.product).toMatchObject({ id: 'p-comfort', name: 'Comfort', price: null });
      expect(result.data!.product.reviews).toHaveLength(5);
      expect(result.errors).toContainEqual(expect.objectContaining({ path: ['product', 'price'], extensions: { code: 'SERVICE_UNAVAILABLE', service: 'pricing' } }));
      expect(degradedOf(result)).toContainEqual({ path: ['product', 'price'], service: 'pricing', reason: 'SERVICE_UNAVAILABLE', fallback: 'null' });
    } finally {
      await pricing('ok');
    }
  });

  it('serves cached prices as stale (with their quote time) when pricing is down, from this gateway and from another one sharing Redis', async () => {
    const fresh = await waitFor(async () => {
      const result = await passengerHome(first);
      return result.data?.products?.every((p: { price: { stale: boolean } | null }) => p.price?.stale === false) ? result : undefined;
    }, 10_000, 'fresh prices');
    const details = await productDetails(first);
    expect(details.data!.product.price.stale).toBe(false);
    await waitFor(() => (cachedPriceKeys() >= 8 ? true : undefined), 5_000, 'prices written through to Redis');

    await pricing('down');
    try {
      const home = await passengerHome(first);
      expect(home.data!.products).toHaveLength(8);
      for (const [i, product] of (home.data!.products as { price: { stale: boolean; amount: number } }[]).entries()) {
        expect(product.price).toMatchObject({ stale: true, amount: fresh.data!.products[i].price.amount });
      }
      expect(degradedOf(home).filter((entry) => entry.fallback === 'cache').map((entry) => entry.path)).toEqual(
        Array.from({ length: 8 }, (_, i) => ['products', i, 'price']),
      );

      const stale = await productDetails(first);
      expect(stale.data!.product.price).toMatchObject({ stale: true, amount: details.data!.product.price.amount });
      const quoted = await first.graphql<{ product: { price: { quotedAt: string } } }>('web', '{ product(id: "p-comfort") { price { quotedAt stale } } }', {}, { token: null });
      expect(Date.parse(quoted.data!.product.price.quotedAt)).toBeLessThanOrEqual(Date.now());

      // The second gateway never priced anything itself: the price comes from Redis.
      const other = await productDetails(second);
      expect(other.data!.product.price).toMatchObject({ stale: true, amount: details.data!.product.price.amount });
      // A cold second gateway on a busy machine may run out of deadline retrying the refused pricing
      // instances before it gives up on them: either way the cached price is what it serves.
      expect(degradedOf(other)).toContainEqual({
        path: ['product', 'price'],
        service: 'pricing',
        reason: expect.stringMatching(/^(SERVICE_UNAVAILABLE|DEADLINE_EXCEEDED)$/),
        fallback: 'cache',
      });
    } finally {
      await pricing('ok');
    }
  });

  it('keeps answering fresh, without hanging, while Redis is dead or black-holed, and uses it again when it is back', async () => {
    const freshWithin = async (system: RunningSystem) => {
      for (let i = 0; i < 5; i += 1) {
        const { result, ms } = await timed(() => productDetails(system));
        expect(result.data!.product.price).toMatchObject({ stale: false });
        expect(ms).toBeLessThan(DEADLINE_MS + 250);
      }
    };
    // Both gateways reach pricing again (a gRPC channel reconnects within ~2 s after pricing was down).
    for (const system of [first, second]) {
      await waitFor(async () => ((await productDetails(system)).data?.product?.price?.stale === false ? true : undefined), 10_000, 'fresh prices');
    }

    await redis.kill();
    await freshWithin(first);
    await freshWithin(second);
    // Pricing down as well: the in-process level still has this gateway's last prices.
    await pricing('down');
    try {
      const stale = await timed(() => productDetails(first));
      expect(stale.result.data!.product.price).toMatchObject({ stale: true });
      expect(stale.ms).toBeLessThan(DEADLINE_MS + 250);
    } finally {
      await pricing('ok');
    }

    // Back (empty): fresh prices are written through again.
    await redis.restart();
    await waitFor(async () => {
      await productDetails(first);
      return redis.cli('--scan', '--pattern', `${namespace}*price:v1:p-comfort`) !== '' ? true : undefined;
    }, 10_000, 'the cache to be used again');

    // Accepts connections, never answers.
    redis.pause();
    try {
      await freshWithin(first);
      await freshWithin(second);
    } finally {
      redis.resume();
    }
  });
});
