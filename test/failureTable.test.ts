/**
 * APPS.md "When a service fails", row by row, for `down`, `error` and `slow` (slower than the
 * deadline): the declared answer, the `extensions.degraded` entry with the client's path, and an
 * answer within the deadline (+250 ms). The breaker is kept out of the way (BREAKER_MIN_CALLS) so
 * each reason is the service's own; test/failurePolicies.test.ts covers the breaker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation } from './harness/operations.ts';
import { degradedOf, timed, type DegradedEntry } from './harness/degraded.ts';
import { startSystem, type GraphQLResult, type RunningSystem } from './harness/startSystem.ts';
import { waitFor } from './harness/waitFor.ts';

const DEADLINE_MS = 600;
const MARGIN_MS = 250;

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem({ DEADLINE_MS: String(DEADLINE_MS), BREAKER_MIN_CALLS: '100000' });
  // Warm the price cache (write-through) so pricing's row can serve stale prices.
  await waitFor(async () => (degradedOf(await productDetails()).length === 0 ? true : undefined), 10_000, 'a fresh product page');
  await waitFor(async () => (degradedOf(await system.graphql('web', operation('web/Products'), {}, { token: null })).length === 0 ? true : undefined), 10_000, 'fresh products');
});
afterAll(() => system?.stop());

const centre = { lat: 38.7223, lng: -9.1393 };
type Result = GraphQLResult<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
const productDetails = (): Promise<Result> => system.graphql('web', operation('web/ProductDetails'), { id: 'p-comfort' }, { token: null });
const passengerHome = (): Promise<Result> => system.graphql('passenger', operation('passenger/PassengerHome'), centre);
const driverDashboard = (): Promise<Result> => system.graphql('driver', operation('driver/DriverDashboard'));

const modes = [
  { mode: 'down', reason: 'SERVICE_UNAVAILABLE' },
  { mode: 'error', reason: 'UPSTREAM_ERROR' },
  { mode: 'slow', reason: 'DEADLINE_EXCEEDED', latencyMs: 2_000 },
] as const;

interface Row {
  field: string;
  service: string;
  send: () => Promise<Result>;
  /** The degraded entry the row must produce (reason filled in per mode). */
  degraded: Omit<DegradedEntry, 'reason'>;
  /** Checks the declared answer; `reason` is the expected error code. */
  check: (result: Result, reason: string) => void;
}

const rows: Row[] = [
  {
    field: 'Product.recommendations',
    service: 'recommendations',
    send: productDetails,
    degraded: { path: ['product', 'recommendations'], service: 'recommendations', fallback: 'default' },
    check: (result) => {
      expect(result.errors).toBeUndefined();
      const recommendations = result.data!.product.recommendations as { id: string; name: string; price: unknown }[];
      expect(recommendations.map((p) => p.id)).toEqual(['p-economy', 'p-xl', 'p-green', 'p-black', 'p-pool', 'p-moto', 'p-pet']);
      for (const item of recommendations) expect(item).toMatchObject({ name: expect.any(String), price: { currency: 'EUR' } });
    },
  },
  {
    field: 'Product.price',
    service: 'pricing',
    send: productDetails,
    degraded: { path: ['product', 'price'], service: 'pricing', fallback: 'cache' },
    check: (result) => {
      expect(result.errors).toBeUndefined();
      expect(result.data!.product).toMatchObject({ id: 'p-comfort', name: 'Comfort', price: { amount: expect.any(Number), currency: 'EUR', stale: true } });
      expect(result.data!.product.reviews).toHaveLength(5);
    },
  },
  {
    field: 'products.price',
    service: 'pricing',
    send: () => system.graphql('web', operation('web/Products'), {}, { token: null }),
    degraded: { path: ['products', 7, 'price'], service: 'pricing', fallback: 'cache' },
    check: (result) => {
      expect(result.errors).toBeUndefined();
      expect(result.data!.products).toHaveLength(8);
      for (const product of result.data!.products) expect(product.price).toMatchObject({ stale: true, currency: 'EUR' });
      expect(degradedOf(result).map((entry) => entry.path)).toEqual(Array.from({ length: 8 }, (_, i) => ['products', i, 'price']));
    },
  },
  {
    field: 'Product.reviews',
    service: 'reviews',
    send: productDetails,
    degraded: { path: ['product', 'reviews'], service: 'reviews', fallback: 'empty' },
    check: (result) => {
      expect(result.errors).toBeUndefined();
      expect(result.data!.product).toMatchObject({ id: 'p-comfort', reviews: [], price: { stale: false } });
    },
  },
  {
    field: 'product',
    service: 'catalog',
    send: productDetails,
    // No fallback is declared: the page fails loudly, and `degraded` still says which field lacks data.
    degraded: { path: ['product'], service: 'catalog', fallback: 'null' },
    check: (result, reason) => {
      expect(result.data?.product ?? null).toBeNull();
      expect(result.errors?.[0]).toMatchObject({ path: ['product'], extensions: { code: reason, service: 'catalog' } });
    },
  },
  {
    field: 'nearbyDrivers',
    service: 'drivers',
    send: passengerHome,
    degraded: { path: ['nearbyDrivers'], service: 'drivers', fallback: 'null' },
    check: (result, reason) => {
      expect(result.data!.nearbyDrivers).toBeNull();
      expect(result.errors).toContainEqual(expect.objectContaining({ path: ['nearbyDrivers'], extensions: { code: reason, service: 'drivers' } }));
      expect(result.data!.me).toMatchObject({ id: 'r-0001', name: expect.any(String) });
      expect(result.data!.me.recentTrips).toHaveLength(10);
      // The trips' drivers come from the same service: null, each listed as degraded.
      const driverPaths = degradedOf(result).filter((entry) => entry.path.at(-1) === 'driver').map((entry) => entry.path);
      expect(driverPaths.length).toBeGreaterThan(0);
      for (const path of driverPaths) expect(path).toEqual(['me', 'recentTrips', expect.any(Number), 'driver']);
      expect(result.data!.products).toHaveLength(8);
      // drivers gives up early enough (400 ms cap) for the follow-up fetches to answer fresh.
      for (const product of result.data!.products) expect(product.price).toMatchObject({ stale: false });
    },
  },
  {
    field: 'me.recentTrips',
    service: 'trips',
    send: passengerHome,
    degraded: { path: ['me', 'recentTrips'], service: 'trips', fallback: 'null' },
    check: (result, reason) => {
      expect(result.data!.me).toMatchObject({ id: 'r-0001', name: expect.any(String), recentTrips: null });
      expect(result.errors).toEqual([expect.objectContaining({ path: ['me', 'recentTrips'], extensions: { code: reason, service: 'trips' } })]);
      expect(result.data!.nearbyDrivers).toHaveLength(5);
      expect(result.data!.products).toHaveLength(8);
    },
  },
  {
    field: 'me (passenger)',
    service: 'riders',
    send: passengerHome,
    degraded: { path: ['me'], service: 'riders', fallback: 'null' },
    check: (result, reason) => {
      expect(result.data!.me).toBeNull();
      expect(result.errors).toEqual([expect.objectContaining({ path: ['me'], extensions: { code: reason, service: 'riders' } })]);
      expect(result.data!.nearbyDrivers).toHaveLength(5);
      expect(result.data!.products).toHaveLength(8);
      for (const product of result.data!.products) expect(product.price).toMatchObject({ stale: false });
    },
  },
  {
    field: 'me (driver)',
    service: 'drivers',
    send: driverDashboard,
    degraded: { path: ['me'], service: 'drivers', fallback: 'null' },
    check: (result, reason) => {
      expect(result.data!.me).toBeNull();
      expect(result.errors).toContainEqual(expect.objectContaining({ path: ['me'], extensions: { code: reason, service: 'drivers' } }));
    },
  },
];

const cases = rows.flatMap((row) => modes.map((mode) => ({ ...row, ...mode, name: `${row.field} when ${row.service} is ${mode.mode}` })));

describe('every row of the failure table answers as declared, within the deadline', () => {
  it.each(cases)('$name', async ({ service, send, degraded, check, mode, reason, ...rest }) => {
    // Start from a healthy fleet: no fault, and fresh answers (a restarted listener may take a moment).
    await system.control('PUT', `/faults/${service}`, { mode: 'ok' });
    await waitFor(async () => (degradedOf(await send()).length === 0 ? true : undefined), 10_000, `${service} healthy`);
    await system.control('PUT', `/faults/${service}`, { mode, ...('latencyMs' in rest ? { latencyMs: rest.latencyMs } : {}) });
    try {
      const { result, ms } = await timed(send);
      check(result, reason);
      expect(degradedOf(result)).toContainEqual({ ...degraded, reason });
      expect(ms).toBeLessThan(DEADLINE_MS + MARGIN_MS);
    } finally {
      await system.control('PUT', `/faults/${service}`, { mode: 'ok' });
    }
  });
});
