/**
 * The call policies end to end: the circuit breaker (calls stop reaching a failing service until
 * the half-open probe, and it closes on recovery), the retry budget, the client's deadline header,
 * and `Idempotency-Key` on requestRide (mutations are never retried).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation } from './harness/operations.ts';
import { degradedOf, timed } from './harness/degraded.ts';
import { startSystem, type GraphQLResult, type RunningSystem } from './harness/startSystem.ts';
import { waitFor } from './harness/waitFor.ts';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem({
    // Deadlines a second or more apart from every bound below, so that a busy CI cannot blur them:
    // 3 s by default, a per-attempt cap that never cuts in first.
    DEADLINE_MS: '3000',
    ATTEMPT_TIMEOUT_MS: '5000',
    // reviews: a breaker that opens after 5 calls and probes after ~4 s (±20 % jitter: 3.2 to 4.8 s).
    BREAKER_MIN_CALLS_REVIEWS: '5',
    BREAKER_WINDOW_MS_REVIEWS: '5000',
    BREAKER_OPEN_MS_REVIEWS: '4000',
    BREAKER_MAX_OPEN_MS_REVIEWS: '4000',
    // recommendations: retries within 20 % of calls plus a floor of 1 per 10 s; no breaker in the way.
    RETRY_BUDGET_RATIO_RECOMMENDATIONS: '0.2',
    RETRY_BUDGET_MIN_PER_SEC_RECOMMENDATIONS: '0.1',
    BREAKER_MIN_CALLS_RECOMMENDATIONS: '100000',
  });
});
afterAll(() => system?.stop());

type Result = GraphQLResult<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
const productDetails = (headers: Record<string, string> = {}): Promise<Result> =>
  system.graphql('web', operation('web/ProductDetails'), { id: 'p-comfort' }, { token: null, headers });
const reviewsReason = (result: Result) => degradedOf(result).find((entry) => entry.path.join('.') === 'product.reviews')?.reason;

describe('retry budget', () => {
  // First in the file: the budget counts the last 10 s of calls, so earlier traffic would widen it.
  it('keeps calls to a service failing half the time within requests × (1 + 20 %) + the floor', async () => {
    await system.control('PUT', '/faults/recommendations', { mode: 'flaky', rate: 0.5 });
    try {
      await system.resetStats();
      const requests = 60;
      for (let i = 0; i < requests; i += 1) await productDetails();
      const calls = (await system.stats()).recommendations ?? 0;
      // Unbudgeted, one retry per failure would make ~1.5 × requests calls.
      expect(calls).toBeGreaterThan(requests);
      expect(calls).toBeLessThanOrEqual(requests * (1 + 0.2) + 1);
    } finally {
      await system.control('PUT', '/faults/recommendations', { mode: 'ok' });
    }
  });
});

describe('circuit breaker', () => {
  it('opens on failures, keeps calls away from the service until the half-open probe, and closes when it recovers', async () => {
    await system.control('PUT', '/faults/reviews', { mode: 'error' });
    try {
      // Failures open it: 5 calls in the window, all failing.
      await waitFor(async () => (reviewsReason(await productDetails()) === 'CIRCUIT_OPEN' ? true : undefined), 5_000, 'the breaker to open');
      await system.resetStats();
      // Three answers from the fallback take milliseconds (no call is made): well inside the open interval (≥ 3.2 s).
      const whileOpen: Result[] = [];
      for (let i = 0; i < 3; i += 1) whileOpen.push(await productDetails());
      // Open: every answer is the fallback, and no call reached the service.
      for (const result of whileOpen) {
        expect(result.data!.product.reviews).toEqual([]);
        expect(reviewsReason(result)).toBe('CIRCUIT_OPEN');
      }
      expect((await system.stats()).reviews).toBe(0);

      // After ~4 s one probe goes through (and fails: still open).
      await waitFor(async () => ((await system.stats()).reviews ?? 0) > 0 || (await productDetails(), undefined), 10_000, 'the half-open probe');
      expect((await system.stats()).reviews).toBe(1);
      expect(reviewsReason(await productDetails())).toBe('CIRCUIT_OPEN');
    } finally {
      await system.control('PUT', '/faults/reviews', { mode: 'ok' });
    }
    // Recovered: the next probe succeeds, the breaker closes, answers are fresh again.
    const fresh = await waitFor(async () => {
      const result = await productDetails();
      return degradedOf(result).length === 0 ? result : undefined;
    }, 12_000, 'fresh reviews');
    expect(fresh.data!.product.reviews).toHaveLength(5);
    await system.resetStats();
    for (let i = 0; i < 5; i += 1) expect(degradedOf(await productDetails())).toEqual([]);
    expect((await system.stats()).reviews).toBe(5);
  });
});

describe('deadline', () => {
  it('a client may lower its deadline with x-request-deadline-ms, never raise it', async () => {
    // Slower than any deadline here; bounds a second clear of the alternatives (default 3 s, asked-for 5 s).
    await system.control('PUT', '/faults/reviews', { mode: 'slow', latencyMs: 8_000 });
    try {
      const lowered = await timed(() => productDetails({ 'x-request-deadline-ms': '250' }));
      expect(lowered.ms).toBeLessThan(250 + 1_000);
      expect(degradedOf(lowered.result)).toContainEqual({ path: ['product', 'reviews'], service: 'reviews', reason: 'DEADLINE_EXCEEDED', fallback: 'empty' });
      const raised = await timed(() => productDetails({ 'x-request-deadline-ms': '5000' }));
      expect(raised.ms).toBeLessThan(3_000 + 1_000);
      expect(raised.result.data!.product.reviews).toEqual([]);
    } finally {
      await system.control('PUT', '/faults/reviews', { mode: 'ok' });
    }
    const bad = await productDetails({ 'x-request-deadline-ms': 'soon' });
    expect(bad.status).toBe(400);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });
});

describe('Idempotency-Key', () => {
  const ride = { productId: 'p-economy', pickup: { lat: 38.7225, lng: -9.139 }, dropoff: { lat: 38.7369, lng: -9.1427 } };
  const requestRide = (key?: string) =>
    system.graphql<{ requestRide: { id: string } }>('passenger', operation('passenger/RequestRide'), ride, key ? { headers: { 'idempotency-key': key } } : {});
  const tripsOf = async (riderId: string): Promise<string[]> => {
    const instances = (await system.control('GET', '/instances')) as { service: string; address: string }[];
    const trips = instances.find((instance) => instance.service === 'trips')!;
    const response = await fetch(`http://${trips.address}/trips/by-rider?riderIds=${riderId}&first=500`);
    return ((await response.json()) as Record<string, { id: string }[]>)[riderId]!.map((trip) => trip.id);
  };

  it('books once per key: repeats, concurrent or later, answer the first trip', async () => {
    const before = (await tripsOf('r-0001')).length;
    const key = `ride-${Date.now()}`;
    const [first, concurrent] = await Promise.all([requestRide(key), requestRide(key)]);
    const later = await requestRide(key);
    expect(first.errors).toBeUndefined();
    const id = first.data!.requestRide.id;
    expect(concurrent.data!.requestRide.id).toBe(id);
    expect(later.data!.requestRide.id).toBe(id);
    expect((await tripsOf('r-0001')).length).toBe(before + 1);

    const other = await requestRide(`${key}-2`);
    expect(other.data!.requestRide.id).not.toBe(id);
    expect((await tripsOf('r-0001')).length).toBe(before + 2);
  });

  it('a write is never retried: trips failing transiently fails the booking once, with its code', async () => {
    await system.control('PUT', '/faults/trips', { mode: 'flaky', rate: 1 });
    try {
      await system.resetStats();
      const failed = await requestRide();
      expect(failed.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'trips' });
      expect((await system.stats()).trips).toBe(1);
    } finally {
      await system.control('PUT', '/faults/trips', { mode: 'ok' });
    }
  });
});
