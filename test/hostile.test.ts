import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientName } from '../src/config/index.ts';
import { hostileDocuments } from './harness/hostileDocuments.ts';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';
import { operation } from './harness/operations.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';

/** The gateway process may grow this much over its size after start while it refuses every attack, bytes. */
const rssGrowthBound = 200 * 1024 * 1024;

let system: RunningSystem;
let rssAtStart = 0;

/** The gateway process's resident set, bytes (Linux). */
function gatewayRss(): number {
  const status = readFileSync(`/proc/${system.process.pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
  return kb * 1024;
}

beforeAll(async () => {
  system = await startSystem(loadTolerantEnv);
  // Warm up what every request uses, so the bound measures the attacks, not first use.
  await system.graphql('passenger', operation('passenger/PassengerHome'), { lat: 38.7223, lng: -9.1393 });
  rssAtStart = gatewayRss();
});
afterAll(() => system?.stop());

describe('hostile documents are refused before any service is called', () => {
  it.each(hostileDocuments)('$name → $code', async ({ client, anonymous, query, variables, code }) => {
    expect(Buffer.byteLength(JSON.stringify({ query, variables }))).toBeLessThan(100 * 1024);
    await system.resetStats();
    const token = anonymous ? null : await system.token(client as ClientName);
    const result = await system.graphql(client as ClientName, query, variables, { token });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    expect(result.errors?.[0]?.message.length).toBeGreaterThan(20);
    expect(result.data).toBeUndefined();
    const calls = await system.stats();
    expect(Object.values(calls).reduce((sum, count) => sum + count, 0)).toBe(0);
  });

  it('still answers a normal PassengerHome afterwards, with the process well within its memory bound', async () => {
    for (let round = 0; round < 3; round += 1) {
      await Promise.all(hostileDocuments.map(({ client, anonymous, query, variables }) => system.graphql(client as ClientName, query, variables, anonymous ? { token: null } : {})));
    }
    const home = await system.graphql<{ me: { name: string } }>('passenger', operation('passenger/PassengerHome'), { lat: 38.7223, lng: -9.1393 });
    expect(home.status).toBe(200);
    expect(home.errors).toBeUndefined();
    expect(home.data?.me.name).toEqual(expect.any(String));
    const growth = gatewayRss() - rssAtStart;
    console.log(`gateway RSS ${Math.round(rssAtStart / 1048576)} MB at start, grew ${Math.round(growth / 1048576)} MB refusing ${hostileDocuments.length * 4} hostile requests`);
    expect(growth).toBeLessThan(rssGrowthBound);
  });

  it('refuses a GET carrying a hostile document the same way', async () => {
    const bomb = hostileDocuments.find((document) => document.code === 'COST_LIMIT_EXCEEDED' && document.anonymous);
    if (!bomb) throw new Error('no anonymous cost bomb in hostileDocuments');
    const url = `${system.url}/${bomb.client}/graphql?query=${encodeURIComponent(bomb.query)}`;
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('COST_LIMIT_EXCEEDED');
  });

  it('answers the operations the apps send, with their cost in extensions (demo mode)', async () => {
    const products = await system.graphql('web', operation('web/ProductDetails'), { id: 'p-comfort' }, { token: null });
    expect(products.errors).toBeUndefined();
    expect(products.extensions?.cost).toEqual({ estimated: expect.any(Number), actual: expect.any(Number), limit: 5000 });
    const history = await system.graphql('web', operation('web/TripHistory'), { first: 200 });
    expect(history.errors).toBeUndefined();
    const cost = history.extensions?.cost as { estimated: number; actual: number };
    expect(cost.actual).toBeLessThanOrEqual(cost.estimated);
    expect(cost.actual).toBeGreaterThan(200);
  });
});

describe('bounded answers', () => {
  let small: RunningSystem;
  beforeAll(async () => {
    small = await startSystem({ ...loadTolerantEnv, RESPONSE_LIMIT_BYTES: '20000', MAX_DEGRADED_ENTRIES: '5' });
  });
  afterAll(() => small?.stop());

  it('an answer past RESPONSE_LIMIT_BYTES is refused whole with RESPONSE_TOO_LARGE; smaller ones pass', async () => {
    const large = await small.graphql('web', operation('web/TripHistory'), { first: 200 });
    expect(large.status).toBe(400);
    expect(large.data).toBeNull();
    expect(large.errors).toEqual([{ message: expect.stringMatching(/larger than 20000 bytes/), extensions: { code: 'RESPONSE_TOO_LARGE' } }]);
    const fine = await small.graphql('web', operation('web/TripHistory'), { first: 5 });
    expect(fine.errors).toBeUndefined();
  });

  it('extensions.degraded collapses one field’s entries across list items past MAX_DEGRADED_ENTRIES', async () => {
    await small.control('PUT', '/faults/pricing', { mode: 'down' });
    try {
      const result = await small.graphql<{ me: { trips: unknown[] } }>('web', operation('web/TripHistory'), { first: 50 });
      const degraded = result.extensions?.degraded as { path: (string | number)[]; service: string; count?: number }[];
      const fares = degraded.filter((entry) => entry.path.at(-1) === 'fare');
      expect(fares).toEqual([{ path: ['me', 'trips', 0, 'fare'], service: 'pricing', reason: expect.any(String), fallback: 'null', count: 50 }]);
      expect(result.errors?.filter((error) => error.path?.at(-1) === 'fare')).toHaveLength(50);
    } finally {
      await small.control('PUT', '/faults/pricing', { mode: 'ok' });
    }
  });
});
