import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RunningRedis } from '../../test/harness/startRedis.ts';
import { waitFor } from '../../test/harness/waitFor.ts';
import { connectRateLimitRedis, type RateLimitRedis } from './connectRateLimitRedis.ts';
import { GuardedWindowCounters } from './GuardedWindowCounters.ts';
import { MemoryWindowCounters } from './MemoryWindowCounters.ts';
import { RedisWindowCounters } from './RedisWindowCounters.ts';

// A redis-server of this test's own on a free port; the machine's Redis is never touched.
let redis: RunningRedis;
const clients: RateLimitRedis[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await redis?.stop();
});

function connect(): RateLimitRedis {
  const client = connectRateLimitRedis({ url: redis.url, connectTimeoutMs: 500 });
  clients.push(client);
  return client;
}

/** Polls until the client has connected (its first call answers). */
async function connected(client: RateLimitRedis): Promise<void> {
  await waitFor(() => client.client.eval('return 1', { keys: [], arguments: [] }).then(() => true, () => undefined), 5_000, 'Redis to answer');
}

describe('RedisWindowCounters', () => {
  it('shares one limit between two gateways, atomically under concurrency, in namespaced keys that expire', async () => {
    const [a, b] = [connect(), connect()];
    await Promise.all([connected(a), connected(b)]);
    const key = `test-${randomUUID()}:rl:v1:user:passenger:r-0001`;
    const check = { key, limit: 10, windowMs: 60_000 };
    const first = new RedisWindowCounters({ client: a.client });
    const second = new RedisWindowCounters({ client: b.client });
    // 30 at once, from both: exactly 10 are admitted (no check-then-increment race between replicas).
    const verdicts = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? first : second).consume([check])));
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(10);
    const refused = verdicts.find((verdict) => !verdict.allowed);
    expect(refused).toMatchObject({ allowed: false, index: 0 });
    expect(refused?.allowed === false && refused.retryAfterMs).toBeGreaterThan(0);

    const stored = redis.cli('--scan', '--pattern', `${key}:*`).split('\n').filter(Boolean);
    expect(stored).toHaveLength(1);
    expect(redis.cli('GET', stored[0]!)).toBe('10');
    const ttl = Number(redis.cli('PTTL', stored[0]!));
    expect(ttl).toBeGreaterThan(60_000);
    expect(ttl).toBeLessThanOrEqual(120_000);
  });

  it('counts all of a request\'s checks or none of them', async () => {
    const client = connect();
    await connected(client);
    const prefix = `test-${randomUUID()}:rl:v1`;
    const counters = new RedisWindowCounters({ client: client.client });
    const user = { key: `${prefix}:user:web:r-1`, limit: 100, windowMs: 60_000 };
    const app = { key: `${prefix}:client:web`, limit: 1, windowMs: 60_000 };
    expect(await counters.consume([user, app])).toEqual({ allowed: true });
    expect(await counters.consume([user, app])).toMatchObject({ allowed: false, index: 1 });
    expect(redis.cli('--scan', '--pattern', `${user.key}:*`).split('\n').map((found) => redis.cli('GET', found))).toEqual(['1']);
  });
});

describe('GuardedWindowCounters over Redis', () => {
  it('does not blame Redis for its own busy event loop: an answer that arrived while the loop was blocked past the timeout counts', async () => {
    const client = connect();
    await connected(client);
    const health: string[] = [];
    const guarded = new GuardedWindowCounters({
      shared: new RedisWindowCounters({ client: client.client }),
      local: new MemoryWindowCounters({ maxKeys: 10 }),
      timeoutMs: 50,
      retryAfterMs: 1_000,
      onHealthChange: (healthy, reason) => health.push(`${healthy}:${reason}`),
    });
    const check = { key: `test-${randomUUID()}:rl:v1:user:web:r-2`, limit: 5, windowMs: 60_000 };
    const pending = guarded.consume([check]);
    // Let the command be written, then hold the loop well past the timeout (the answer arrives meanwhile).
    await new Promise((resolve) => setImmediate(resolve));
    const until = performance.now() + 300;
    while (performance.now() < until) {
      // busy: a burst of requests on one core
    }
    expect(await pending).toEqual({ allowed: true });
    expect(health).toEqual([]);
  });

  it('falls back to this process\'s counters without an error and within the timeout when Redis dies or hangs, logging each change once, and returns to Redis', async () => {
    const client = connect();
    await connected(client);
    const health: string[] = [];
    const guarded = new GuardedWindowCounters({
      shared: new RedisWindowCounters({ client: client.client }),
      local: new MemoryWindowCounters({ maxKeys: 1_000 }),
      timeoutMs: 50,
      retryAfterMs: 300,
      onHealthChange: (healthy, reason) => health.push(`${healthy}:${reason}`),
    });
    const check = { key: `test-${randomUUID()}:rl:v1:user:driver:d-1`, limit: 5, windowMs: 60_000 };
    for (let i = 0; i < 3; i += 1) expect(await guarded.consume([check])).toEqual({ allowed: true });

    // Killed: connections drop and the port refuses. Every call still answers, from this process,
    // which counted the 3 Redis admitted: 2 more fit, then the limit holds.
    await redis.kill();
    const verdicts = [];
    for (let i = 0; i < 4; i += 1) {
      const started = performance.now();
      verdicts.push(await guarded.consume([check]));
      expect(performance.now() - started).toBeLessThan(50 + 200);
    }
    expect(verdicts.map((verdict) => verdict.allowed)).toEqual([true, true, false, false]);
    expect(guarded.healthy).toBe(false);

    // Back (empty): the guard tries Redis again after retryAfterMs, once the client has reconnected.
    await redis.restart();
    await waitFor(async () => ((await guarded.consume([{ ...check, key: `${check.key}-probe` }])) && guarded.healthy ? true : undefined), 10_000, 'Redis again');

    // Hung (SIGSTOP: it accepts and never answers): one wait of at most the timeout, then skipped.
    redis.pause();
    try {
      const started = performance.now();
      expect(await guarded.consume([{ ...check, key: `${check.key}-hung` }])).toEqual({ allowed: true });
      expect(performance.now() - started).toBeLessThan(50 + 200);
      const skipped = performance.now();
      await guarded.consume([{ ...check, key: `${check.key}-hung` }]);
      expect(performance.now() - skipped).toBeLessThan(20);
    } finally {
      redis.resume();
    }
    expect(health[0]).toMatch(/^false:/);
    expect(health[1]).toBe('true:answering again');
    expect(health[2]).toBe('false:no answer within 50 ms');
    expect(health).toHaveLength(3);
  });
});
