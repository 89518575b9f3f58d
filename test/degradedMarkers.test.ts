/**
 * The `extensions.degraded` path end to end (src/degraded): every fallback kind (CACHE hit, CACHE
 * miss → null, DEFAULT, EMPTY, NULL, and a failure without a declared fallback) through every
 * client (passenger, driver, web). No answer ever carries a marker error (code `DEGRADED`) in
 * `errors`, and `extensions.degraded` lists each degradation. One gateway for the file; `down`
 * faults only (refused at once), the breaker kept out of the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientName } from '../src/config/index.ts';
import { degradedOf, type DegradedEntry } from './harness/degraded.ts';
import { startSystem, type GraphQLResult, type RunningSystem } from './harness/startSystem.ts';
import { waitFor } from './harness/waitFor.ts';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem({ BREAKER_MIN_CALLS: '100000' });
}, 90_000);
afterAll(() => system?.stop());

/** The marker code subgraphs emit; it must never reach a client in `errors`. */
const MARKER_CODE = 'DEGRADED';

/** One fallback kind: which service to take down and the query each client sends to hit it. */
interface Kind {
  readonly name: string;
  readonly service: string;
  /** The `fallback` of the entries it must produce. */
  readonly fallback: DegradedEntry['fallback'];
  readonly queries: Record<ClientName, string>;
}

const productPrices = '{ products { id price { amount stale } } }';
const offeredPrices = '{ rideOffers { id product { id price { amount stale } } } }';
const onProduct = (selection: string): Record<ClientName, string> => ({
  passenger: `{ product(id: "p-comfort") { id ${selection} } }`,
  web: `{ product(id: "p-comfort") { id ${selection} } }`,
  driver: `{ rideOffers { id product { id ${selection} } } }`,
});

const cacheMiss: Kind = {
  name: 'CACHE miss → null',
  service: 'pricing',
  fallback: 'null',
  queries: { passenger: productPrices, web: productPrices, driver: offeredPrices },
};

const kinds: Kind[] = [
  { name: 'CACHE hit', service: 'pricing', fallback: 'cache', queries: { passenger: productPrices, web: productPrices, driver: offeredPrices } },
  { name: 'DEFAULT', service: 'recommendations', fallback: 'default', queries: onProduct('recommendations { id }') },
  { name: 'EMPTY', service: 'reviews', fallback: 'empty', queries: onProduct('reviews { rating }') },
  {
    name: 'NULL',
    service: 'pricing',
    fallback: 'null',
    queries: {
      passenger: '{ me { id recentTrips(first: 3) { id fare { amount } } } }',
      web: '{ me { id recentTrips(first: 3) { id fare { amount } } } }',
      driver: '{ me { id earnings(period: TODAY) { amount } } }',
    },
  },
  { name: 'no declared fallback', service: 'catalog', fallback: 'null', queries: onProduct('name') },
];

const clients: readonly ClientName[] = ['passenger', 'driver', 'web'];

async function send(client: ClientName, query: string): Promise<GraphQLResult> {
  // web is anonymous-friendly, but `me` needs a token: every client sends its demo user's.
  return system.graphql(client, query);
}

async function withServiceDown<T>(service: string, run: () => Promise<T>): Promise<T> {
  await system.control('PUT', `/faults/${service}`, { mode: 'down' });
  try {
    return await run();
  } finally {
    await system.control('PUT', `/faults/${service}`, { mode: 'ok' });
  }
}

/** No marker error in `errors`, and the degradations listed in `extensions.degraded`. */
function expectDegradedWithoutMarkers(result: GraphQLResult, kind: Kind): void {
  for (const error of result.errors ?? []) {
    expect(error.extensions?.code).not.toBe(MARKER_CODE);
    expect(error.extensions ?? {}).not.toHaveProperty('degraded');
  }
  expect(degradedOf(result)).toContainEqual(expect.objectContaining({ service: kind.service, fallback: kind.fallback }));
}

describe('degradation markers never leak into errors', () => {
  // First, with nothing cached yet: pricing down before any price was ever fetched.
  it.each(clients)(`${cacheMiss.name} through %s`, async (client) => {
    const result = await withServiceDown(cacheMiss.service, () => send(client, cacheMiss.queries[client]));
    expectDegradedWithoutMarkers(result, cacheMiss);
    expect(result.errors).toContainEqual(expect.objectContaining({ extensions: { code: 'SERVICE_UNAVAILABLE', service: 'pricing' } }));
  });

  const cases = kinds.flatMap((kind) => clients.map((client) => ({ kind, client, name: `${kind.name} through ${client}` })));
  it.each(cases)('$name', async ({ kind, client }) => {
    const query = kind.queries[client];
    // A healthy answer first (which also writes prices through to the cache for the CACHE hit).
    await waitFor(async () => (degradedOf(await send(client, query)).length === 0 ? true : undefined), 10_000, `${client} fresh`);
    const result = await withServiceDown(kind.service, () => send(client, query));
    expectDegradedWithoutMarkers(result, kind);
  });
});
