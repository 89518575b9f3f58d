import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientName } from '../src/config/index.ts';
import { operation } from './harness/operations.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';

let system: RunningSystem;
beforeAll(async () => {
  // Room for the concurrency test's slow calls (1.5 s each) within one deadline and one attempt.
  system = await startSystem({ DEADLINE_MS: '5000', ATTEMPT_TIMEOUT_MS: '5000' });
});
afterAll(() => system?.stop());

/** Requests each service received for one operation. */
async function callsFor(client: ClientName, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, number>> {
  await system.resetStats();
  const result = await system.graphql(client, query, variables);
  expect(result.errors).toBeUndefined();
  const stats = await system.stats();
  return Object.fromEntries(Object.entries(stats).filter(([, count]) => count > 0));
}

const centre = { lat: 38.7223, lng: -9.1393 };

describe('service calls per operation do not grow with list sizes (no N+1)', () => {
  it('PassengerHome: recentTrips(first: 200) costs the same calls as first: 10', async () => {
    const home = operation('passenger/PassengerHome');
    const at10 = await callsFor('passenger', home, centre);
    const at200 = await callsFor('passenger', home.replace('recentTrips(first: 10)', 'recentTrips(first: 200)'), centre);
    expect(at200).toEqual(at10);
    // One batch per lookup: rider, trips, drivers (nearest + the trips' drivers), catalog (the vouchers'
    // products come from the same batch), pricing (prices + fares), and one remote fetch of the vouchers.
    expect(at10).toEqual({ riders: 1, trips: 1, drivers: 2, catalog: 1, pricing: 2, promotions: 1 });
  });

  it('TripHistory: first: 200 costs the same calls as first: 10', async () => {
    const history = operation('web/TripHistory');
    const at10 = await callsFor('web', history, { first: 10 });
    const at200 = await callsFor('web', history, { first: 200 });
    expect(at200).toEqual(at10);
    // The rider once (`me` confirms the token's subject exists, as on the passenger app), then one batch per lookup.
    expect(at10).toEqual({ riders: 1, trips: 1, drivers: 1, pricing: 1 });
  });

  it('ProductDetails: reviews(first: 50) costs the same calls as first: 5', async () => {
    const details = operation('web/ProductDetails');
    const at5 = await callsFor('web', details, { id: 'p-comfort' });
    const at50 = await callsFor('web', details.replace('reviews(first: 5)', 'reviews(first: 50)'), { id: 'p-comfort' });
    expect(at50).toEqual(at5);
    for (const count of Object.values(at5)) expect(count).toBeLessThanOrEqual(2);
  });

  it('DriverDashboard: rideOffers(first: 20) costs the same calls as the default 10', async () => {
    const dashboard = operation('driver/DriverDashboard');
    const at10 = await callsFor('driver', dashboard);
    const at20 = await callsFor('driver', dashboard.replace('rideOffers {', 'rideOffers(first: 20) {'));
    expect(at20).toEqual(at10);
    for (const count of Object.values(at10)) expect(count).toBeLessThanOrEqual(2);
  });
});

describe('independent calls run concurrently', () => {
  it('ProductDetails with reviews and recommendations each 1.5 s slow answers in about 1.5 s, not 3', async () => {
    await system.control('PUT', '/faults/reviews', { mode: 'slow', latencyMs: 1_500 });
    await system.control('PUT', '/faults/recommendations', { mode: 'slow', latencyMs: 1_500 });
    try {
      const started = performance.now();
      const result = await system.graphql('web', operation('web/ProductDetails'), { id: 'p-xl' }, { token: null });
      const elapsed = performance.now() - started;
      expect(result.errors).toBeUndefined();
      // In sequence the two would take ≥ 3 000 ms; 1 s of margin on both sides for a busy CI.
      expect(elapsed).toBeLessThan(2_500);
    } finally {
      await system.control('PUT', '/faults/reviews', { mode: 'ok' });
      await system.control('PUT', '/faults/recommendations', { mode: 'ok' });
    }
  });
});
