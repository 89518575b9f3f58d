import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientName } from '../src/config/index.ts';
import { operation } from './harness/operations.ts';
import { pathQueries, type PathOperation, type PathQueryLimits } from './harness/pathQueries.ts';
import { PrivacyOracle, type Asker, type AskerFacts, type OracleReport } from './harness/PrivacyOracle.ts';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';

/**
 * Walks every path each client's schema allows, up to depth 6 with lists of 3, as each kind of
 * person, and checks that no answer carries someone else's personal data (APPS.md, "Who may see
 * what"). The queries are generated from the client's API schema, so a field added tomorrow is
 * walked tomorrow.
 */

const centre = { lat: 38.7223, lng: -9.1393 };
const limits: Omit<PathQueryLimits, 'samples'> = { maxDepth: 6, listSize: 3 };
const samples = {
  id: '"p-comfort"',
  // Someone's trip (the walkers' own are asked for by id in the apps' live screens, src/live): refused unless theirs.
  tripId: '"t-000001"',
  productId: '"p-comfort"',
  lat: String(centre.lat),
  lng: String(centre.lng),
  period: 'TODAY',
  pickup: '{ lat: 38.7225, lng: -9.139 }',
  dropoff: '{ lat: 38.7369, lng: -9.1427 }',
};
/** Codes a walk may meet: refusals. Anything else (an internal error, a failed service) fails the walk. */
const refusalCodes = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);

function rootType(client: ClientName, root: 'query' | 'mutation'): GraphQLObjectType | undefined {
  const schema = buildSchema(readFileSync(new URL(`../schemas/generated/${client}.graphql`, import.meta.url), 'utf8'));
  return (root === 'query' ? schema.getQueryType() : schema.getMutationType()) ?? undefined;
}

/** One person walking one client's schema. */
interface Walker {
  readonly label: string;
  readonly client: ClientName;
  readonly asker: Asker;
  readonly token: string | null;
  facts: AskerFacts;
}

/** What one walk saw. */
interface WalkResult {
  readonly operations: number;
  readonly paths: number;
  readonly refusals: Map<string, number>;
  readonly report: OracleReport;
}

let system: RunningSystem;
const walkers = new Map<string, Walker>();
/** The ride rider A booked and driver d-0001 accepted; the ride rider B booked, left waiting. */
let tripA = '';
let tripB = '';

async function ownTrips(client: ClientName, token: string): Promise<Set<string>> {
  const result = await system.graphql<{ me: { trips: { id: string }[] } }>(client, '{ me { trips(first: 200) { id } } }', {}, { token });
  expect(result.errors).toBeUndefined();
  return new Set(result.data!.me.trips.map((trip) => trip.id));
}

/** Refusals before execution that a smaller operation avoids: the walk then splits the operation. */
const tooBigCodes = new Set(['COST_LIMIT_EXCEEDED', 'RESPONSE_TOO_LARGE']);

async function walk(walker: Walker, operations: readonly PathOperation[], paths: number, result?: WalkResult): Promise<WalkResult> {
  const walked: WalkResult = result ?? { operations: 0, paths: 0, refusals: new Map(), report: { leaks: [], shown: new Map(), objects: new Map() } };
  const oracle = new PrivacyOracle(walker.asker, walker.facts);
  const unexpected: string[] = [];
  const pending = [...operations];
  let sent = 0;
  for (let next = pending.shift(); next; next = pending.shift()) {
    const answer = await system.graphql(walker.client, next.text, {}, { token: walker.token });
    sent += 1;
    const code = answer.errors?.[0]?.extensions?.code ?? '';
    if (answer.status !== 200 && tooBigCodes.has(code)) {
      // The gateway's cost limit refuses the whole: the same paths, in smaller operations.
      const parts = next.split();
      expect(parts, `${walker.label}: refused (${code}) and cannot split: ${next.text}`).toBeDefined();
      pending.unshift(...parts!);
      continue;
    }
    expect(answer.status, `${walker.label}: ${next.text}\n${JSON.stringify(answer.errors)}`).toBe(200);
    for (const error of answer.errors ?? []) {
      const errorCode = error.extensions?.code ?? 'NONE';
      if (refusalCodes.has(errorCode)) walked.refusals.set(errorCode, (walked.refusals.get(errorCode) ?? 0) + 1);
      else unexpected.push(`${errorCode} at ${error.path?.join('.')}: ${error.message}`);
    }
    oracle.inspect(answer.data, walked.report);
  }
  expect(unexpected, `${walker.label}: errors other than refusals`).toEqual([]);
  return { ...walked, operations: walked.operations + sent, paths: walked.paths + paths };
}

beforeAll(async () => {
  // A generous deadline: the walk's deep queries are about privacy, not speed, on a busy machine.
  system = await startSystem(loadTolerantEnv);
  const token = (client: ClientName, subject?: string) => system.token(client, subject);
  // Rider A books a ride that driver d-0001 accepts (an active trip); rider B books one left waiting.
  const booked = await system.graphql<{ requestRide: { id: string } }>('passenger', operation('passenger/RequestRide'), {
    productId: 'p-economy',
    pickup: { lat: 38.7225, lng: -9.139 },
    dropoff: { lat: 38.7369, lng: -9.1427 },
  });
  tripA = booked.data!.requestRide.id;
  const accepted = await system.graphql('driver', operation('driver/AcceptRide'), { tripId: tripA });
  expect(accepted.errors).toBeUndefined();
  const waiting = await system.graphql<{ requestRide: { id: string } }>(
    'passenger',
    operation('passenger/RequestRide'),
    { productId: 'p-comfort', pickup: { lat: 38.7231, lng: -9.1402 }, dropoff: { lat: 38.71, lng: -9.13 } },
    { token: await token('passenger', 'r-0002') },
  );
  tripB = waiting.data!.requestRide.id;

  const none = new Set<string>();
  const riderA = { ownTrips: await ownTrips('web', await token('web')), drivingTrips: none, activeDrivers: new Set(['d-0001']) };
  const riderB = { ownTrips: await ownTrips('web', await token('web', 'r-0002')), drivingTrips: none, activeDrivers: none };
  expect(riderA.ownTrips.has(tripA) && riderB.ownTrips.has(tripB)).toBe(true);
  const add = async (label: string, client: ClientName, asker: Asker, facts: AskerFacts) => {
    walkers.set(label, { label, client, asker, facts, token: asker.kind === 'anonymous' ? null : await token(client, asker.id) });
  };
  await add('web anonymous', 'web', { kind: 'anonymous' }, { ownTrips: none, drivingTrips: none, activeDrivers: none });
  await add('web rider A', 'web', { kind: 'rider', id: 'r-0001' }, riderA);
  await add('web rider B', 'web', { kind: 'rider', id: 'r-0002' }, riderB);
  await add('passenger rider A', 'passenger', { kind: 'rider', id: 'r-0001' }, riderA);
  await add('passenger rider B', 'passenger', { kind: 'rider', id: 'r-0002' }, riderB);
  await add('driver d-0001', 'driver', { kind: 'driver', id: 'd-0001' }, { ownTrips: none, drivingTrips: new Set([tripA]), activeDrivers: none });
  await add('driver d-0002', 'driver', { kind: 'driver', id: 'd-0002' }, { ownTrips: none, drivingTrips: none, activeDrivers: none });
});
afterAll(() => system?.stop());

describe('the privacy oracle', () => {
  it('catches the leak of issue 8: a review author’s trips with pickups and fares, and a precise driver position', () => {
    const answer = {
      product: {
        __typename: 'Product',
        reviews: [{ __typename: 'Review', author: { __typename: 'Rider', id: 'r-0009', recentTrips: [{ __typename: 'Trip', id: 't-1', pickup: { lat: 1, lng: 2 }, fare: { amount: 9 } }] } }],
      },
      nearbyDrivers: [{ __typename: 'NearbyDriver', location: { lat: 38.72231, lng: -9.1393 }, distanceMeters: 431, etaSeconds: 60 }],
    };
    const report = new PrivacyOracle({ kind: 'anonymous' }, { ownTrips: new Set(), drivingTrips: new Set(), activeDrivers: new Set() }).inspect(answer);
    expect(report.leaks.map((leak) => leak.path)).toEqual([
      'product.reviews[0].author.recentTrips',
      'product.reviews[0].author.recentTrips[0].pickup',
      'product.reviews[0].author.recentTrips[0].fare',
      'nearbyDrivers[0].location',
      'nearbyDrivers[0].distanceMeters',
    ]);
  });
});

describe('no path through any client’s schema reaches another person’s personal data', () => {
  const results = new Map<string, WalkResult>();

  it.each([
    'web anonymous',
    'web rider A',
    'web rider B',
    'passenger rider A',
    'passenger rider B',
    'driver d-0001',
    'driver d-0002',
  ])('%s: every query path to depth 6', async (label) => {
    const walker = walkers.get(label)!;
    const { operations, paths } = pathQueries(rootType(walker.client, 'query')!, 'query', { ...limits, samples });
    const result = await walk(walker, operations, paths);
    results.set(label, result);
    expect(result.report.leaks).toEqual([]);
    console.log(
      `${label}: ${result.operations} operations, ${result.paths} paths, ${[...result.report.objects.values()].reduce((a, b) => a + b, 0)} objects;` +
        ` shown ${JSON.stringify(Object.fromEntries(result.report.shown))}; refused ${JSON.stringify(Object.fromEntries(result.refusals))}`,
    );
  });

  it('saw what each person may see, so the walks were not vacuous', () => {
    const shown = (label: string, coordinate: string) => results.get(label)?.report.shown.get(coordinate) ?? 0;
    const refused = (label: string, code: string) => results.get(label)?.refusals.get(code) ?? 0;
    expect(refused('web anonymous', 'UNAUTHENTICATED')).toBeGreaterThan(0);
    // Every rider sees their own trips with pickups and fares.
    for (const label of ['web rider A', 'passenger rider A', 'web rider B', 'passenger rider B']) {
      const seen = { label, pickup: shown(label, 'Trip.pickup') > 0, fare: shown(label, 'Trip.fare') > 0, trips: shown(label, 'Rider.trips') > 0 };
      expect(seen).toEqual({ label, pickup: true, fare: true, trips: true });
    }
    // Rider A rides with d-0001 right now: that driver's precise position, and no one else's.
    expect(shown('passenger rider A', 'Driver.location')).toBeGreaterThan(0);
    expect(refused('passenger rider A', 'FORBIDDEN')).toBeGreaterThan(0);
    expect(shown('driver d-0001', 'Driver.earnings')).toBeGreaterThan(0);
    expect(shown('driver d-0001', 'Trip.pickup')).toBeGreaterThan(0);
    expect(shown('driver d-0001', 'Trip.fareEstimate')).toBeGreaterThan(0);
    expect(refused('driver d-0001', 'FORBIDDEN')).toBeGreaterThan(0);
  });

  it('every mutation path: riders booking, and a driver taking a waiting ride', async () => {
    for (const label of ['passenger rider A', 'passenger rider B']) {
      const walker = walkers.get(label)!;
      const { operations, paths } = pathQueries(rootType('passenger', 'mutation')!, 'mutation', { ...limits, samples });
      expect(operations).toHaveLength(1);
      const answer = await system.graphql<{ requestRide: { id: string } }>('passenger', operations[0]!.text, {}, { token: walker.token });
      expect(answer.errors?.filter((error) => !refusalCodes.has(error.extensions?.code ?? '')) ?? []).toEqual([]);
      // The ride the walk booked is the rider's own: their newest trip, read apart from the walk.
      const newest = await system.graphql<{ me: { trips: { id: string }[] } }>('passenger', '{ me { trips(first: 1) { id } } }', {}, { token: walker.token });
      const booked = newest.data!.me.trips[0]!.id;
      expect(answer.data?.requestRide.id).toBe(booked);
      walker.facts = { ...walker.facts, ownTrips: new Set([...walker.facts.ownTrips, booked]) };
      const report = new PrivacyOracle(walker.asker, walker.facts).inspect(answer.data);
      expect(report.leaks).toEqual([]);
      console.log(`${label}: mutation walk, ${paths} paths, shown ${JSON.stringify(Object.fromEntries(report.shown))}`);
    }
    // d-0002 takes rider B's waiting ride: now its driver, they may see its pickup and drop-off, never its fare.
    const walker = walkers.get('driver d-0002')!;
    walker.facts = { ...walker.facts, drivingTrips: new Set([tripB]) };
    const { operations, paths } = pathQueries(rootType('driver', 'mutation')!, 'mutation', { ...limits, samples: { ...samples, tripId: `"${tripB}"` } });
    const result = await walk(walker, operations, paths);
    expect(result.report.leaks).toEqual([]);
    expect(result.report.shown.get('Trip.dropoff')).toBe(1);
    expect(result.refusals.get('FORBIDDEN')).toBeGreaterThan(0);
    console.log(`driver d-0002: mutation walk, ${paths} paths, shown ${JSON.stringify(Object.fromEntries(result.report.shown))}`);
  });
});
