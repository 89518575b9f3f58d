/**
 * Admission control and rate limits end to end, on two gateways sharing a Redis of the test's own:
 * a burst far past what a gateway can carry is answered in full or refused at the door (503
 * OVERLOADED + Retry-After), never degraded inside, and health and metrics are never shed; per-user
 * and per-mutation rate limits hold across both gateways (429 RATE_LIMITED + Retry-After).
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generousAdmissionEnv } from './harness/generousAdmissionEnv.ts';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';
import { operation } from './harness/operations.ts';
import { startRedis, type RunningRedis } from './harness/startRedis.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';
import { waitFor } from './harness/waitFor.ts';

/** Low enough to reach quickly, high enough for the other tests' requests of one user. */
const USER_PER_MIN = 30;
const passengerHome = operation('passenger/PassengerHome');
const lisbon = { lat: 38.7223, lng: -9.1393 };
const products = '{ products { id } }';

let redis: RunningRedis;
let first: RunningSystem;
let second: RunningSystem;
beforeAll(async () => {
  redis = await startRedis();
  const env = {
    // Every admission and rate-limit variable left out (the gateway's defaults)...
    ...Object.fromEntries(Object.keys(generousAdmissionEnv).map((name) => [name, undefined])),
    // ...but a user limit low enough to reach.
    RATE_LIMIT_USER_PER_MIN: String(USER_PER_MIN),
    // A generous deadline (4 s): on CI's two busy cores even an admitted request can take seconds.
    ...loadTolerantEnv,
    REDIS_URL: redis.url,
    CACHE_NAMESPACE: `test-${randomUUID()}`,
  };
  first = await startSystem(env);
  // A second replica: no fleet of its own, the first one's registry, the same Redis.
  second = await startSystem({ ...env, DEMO_FLEET: 'false', REGISTRY_URL: first.url });
}, 90_000);
afterAll(async () => {
  await Promise.all([second?.stop(), first?.stop()]);
  await redis?.stop();
});

interface Answer {
  readonly status: number;
  readonly retryAfter: string | undefined;
  readonly body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[]; extensions?: { degraded?: unknown[] } };
}

async function post(pool: Pool, token: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await pool.request({
    path: '/passenger/graphql',
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const retryAfter = response.headers['retry-after'];
  return { status: response.statusCode, retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined, body: (await response.body.json()) as Answer['body'] };
}

/** A complete PassengerHome: 200, no errors, nothing degraded, every part present. */
function isComplete(answer: Answer): boolean {
  const data = answer.body.data;
  return (
    answer.status === 200 &&
    answer.body.errors === undefined &&
    answer.body.extensions?.degraded === undefined &&
    !!data?.me &&
    Array.isArray(data.nearbyDrivers) &&
    Array.isArray(data.products)
  );
}

function isRefusal(answer: Answer, status: number, code: string): boolean {
  return answer.status === status && answer.body.errors?.[0]?.extensions?.code === code && /^[1-9]\d*$/.test(answer.retryAfter ?? '');
}

/** Runs `count` requests, at most `perPool` at a time on each pool (alternating), below any gateway's lowest in-flight limit. */
async function inChunks(pools: readonly Pool[], count: number, perPool: number, request: (pool: Pool) => Promise<Answer>): Promise<Answer[]> {
  const answers: Answer[] = [];
  while (answers.length < count) {
    const size = Math.min(perPool * pools.length, count - answers.length);
    answers.push(...(await Promise.all(Array.from({ length: size }, (_, i) => request(pools[i % pools.length]!)))));
  }
  return answers;
}

/**
 * The per-minute windows are aligned to the clock: start a counted sequence with at least 10 s of
 * the minute left, so it never straddles a boundary long enough for the window to slide.
 */
const freshMinute = () => waitFor(() => (Date.now() % 60_000 < 50_000 ? true : undefined), 15_000, 'a fresh minute');

describe('admission control, default settings', () => {
  it('answers 500 riders opening the app at once in full or refuses them at once with 503 OVERLOADED, never degraded; health and metrics are never shed', async () => {
    // 500 riders (r-0002..r-0501), so the burst meets admission control, not a per-user limit.
    const tokens = await Promise.all(Array.from({ length: 500 }, (_, i) => first.token('passenger', `r-${String(i + 2).padStart(4, '0')}`)));
    const demoRider = await first.token('passenger');
    const pool = new Pool(first.url, { connections: 500 });
    const probes = new Pool(first.url, { connections: 4 });
    try {
      // Warm: plans cached, connections to the services open.
      for (let i = 0; i < 3; i += 1) expect(isComplete(await post(pool, demoRider, passengerHome, lisbon))).toBe(true);

      const started = performance.now();
      const burst = Promise.all(tokens.map((token) => post(pool, token, passengerHome, lisbon)));
      // Meanwhile health, readiness and metrics are answered, never shed.
      const sideStatuses = await Promise.all(
        ['/healthz', '/readyz', '/metrics'].map(async (path) => {
          const response = await probes.request({ path, method: 'GET' });
          await response.body.text();
          return response.statusCode;
        }),
      );
      const answers = await burst;
      const elapsedMs = Math.round(performance.now() - started);

      const served = answers.filter(isComplete).length;
      const shed = answers.filter((answer) => isRefusal(answer, 503, 'OVERLOADED')).length;
      const metrics = await (await probes.request({ path: '/metrics', method: 'GET' })).body.text();
      const limit = /^bff_admission_limit (\d+)/m.exec(metrics)?.[1];
      console.log(`admission: 500 concurrent PassengerHome → ${served} served complete, ${shed} shed (503 OVERLOADED), in ${elapsedMs} ms; AIMD limit after: ${limit}`);
      // Anything else (a degraded answer, an error) is listed by what it was.
      const other = answers
        .filter((answer) => !isComplete(answer) && !isRefusal(answer, 503, 'OVERLOADED'))
        .map((answer) => ({ status: answer.status, code: answer.body.errors?.[0]?.extensions?.code, degraded: answer.body.extensions?.degraded }));
      expect(other.slice(0, 3)).toEqual([]);
      expect(served + shed).toBe(500);
      expect(served).toBeGreaterThan(0);
      expect(shed).toBeGreaterThan(0);
      expect(sideStatuses).toEqual([200, 200, 200]);
      const counted = [...metrics.matchAll(/^bff_admission_shed_total\{client="passenger",reason="\w+"\} (\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
      expect(counted).toBe(shed);

      // Afterwards an ordinary request is answered in full.
      expect(isComplete(await post(pool, demoRider, passengerHome, lisbon))).toBe(true);
    } finally {
      await Promise.all([pool.close(), probes.close()]);
    }
  }, 60_000);
});

describe('rate limits shared by two gateways through Redis', () => {
  /** A rider none of the other tests uses. */
  const rider = () => `r-${String(600 + Math.floor(Math.random() * 400)).padStart(4, '0')}`;

  it(`refuses a user's request ${USER_PER_MIN + 1} in a minute across both gateways with 429 RATE_LIMITED and Retry-After`, async () => {
    const subject = rider();
    const token = await first.token('passenger', subject);
    const pools = [new Pool(first.url, { connections: 4 }), new Pool(second.url, { connections: 4 })];
    try {
      // Warm the second gateway (plans) with another user.
      expect((await post(pools[1]!, await first.token('passenger', `${subject}-warm`), products)).status).toBe(200);
      await freshMinute();
      const allowed = await inChunks(pools, USER_PER_MIN, 4, (pool) => post(pool, token, products));
      expect(allowed.map((answer) => answer.status)).toEqual(new Array(USER_PER_MIN).fill(200));
      for (const pool of pools) {
        const refused = await post(pool, token, products);
        expect(isRefusal(refused, 429, 'RATE_LIMITED')).toBe(true);
        expect(Number(refused.retryAfter)).toBeLessThanOrEqual(66);
      }
      // Another user is not affected.
      expect((await post(pools[1]!, await first.token('passenger', `${subject}-x`), products)).status).toBe(200);
      expect(redis.cli('--scan', '--pattern', '*:rl:v1:user:passenger:*').split('\n').filter(Boolean).length).toBeGreaterThan(0);
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
    }
  });

  // `rateLimits.checkMutation` runs at the edge once the operation guard knows the root fields.
  it("refuses a rider's 21st requestRide in a minute across both gateways with 429 RATE_LIMITED and Retry-After", async () => {
    const token = await first.token('passenger', rider());
    const pools = [new Pool(first.url, { connections: 4 }), new Pool(second.url, { connections: 4 })];
    const ride = { productId: 'p-economy', pickup: { lat: 38.7225, lng: -9.139 }, dropoff: { lat: 38.7369, lng: -9.1427 } };
    const requestRide = operation('passenger/RequestRide');
    try {
      await freshMinute();
      const booked = await inChunks(pools, 20, 4, (pool) => post(pool, token, requestRide, ride));
      expect(booked.map((answer) => answer.status)).toEqual(new Array(20).fill(200));
      const refused = await post(pools[0]!, token, requestRide, ride);
      expect(isRefusal(refused, 429, 'RATE_LIMITED')).toBe(true);
      expect(refused.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/requestRide/) });
      // Queries are still answered: the limit is on booking.
      expect((await post(pools[1]!, token, products)).status).toBe(200);
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
    }
  });
});
