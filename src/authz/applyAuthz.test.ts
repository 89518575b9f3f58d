import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type GraphQLSchema } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import type { Viewer } from '../auth/index.ts';
import { applyAuthz } from './applyAuthz.ts';
import type { AuthzContext } from './AuthzContext.ts';
import { authzDirectivesSdl } from './authzDirectives.ts';
import type { TokenDenial } from './tokenRule.ts';
import type { ViewerRelations } from './ViewerRelations.ts';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires"])';

/** A trips-like subgraph: its parent objects are records with `riderId`, `Trip.rider` maps it. */
const tripsSdl = `${link}\n${authzDirectivesSdl}
type Query { trips: [Trip!] @authenticated, secret: String @requiresScopes(scopes: [["a", "b"], ["c"]]) }
type Trip @key(fields: "id") {
  id: ID!
  status: String! @public
  rider: Rider! @public
  driver: Driver @public
  pickup: String @owner(rules: [TRIP_RIDER, TRIP_DRIVER, TRIP_OFFERED_DRIVER])
}
type Rider @key(fields: "id") { id: ID! }
type Driver @key(fields: "id") { id: ID! location: String @owner(rules: [SELF, ACTIVE_TRIP_RIDER]) }`;

/** A pricing-like subgraph: its parent is the representation the gateway sends, `rider { id }` from @requires. */
const pricingSdl = `${link}\n${authzDirectivesSdl}
type Trip @key(fields: "id") {
  id: ID!
  rider: Rider! @external
  fare: Int @owner(rules: [TRIP_RIDER]) @requires(fields: "rider { id }")
}
type Rider @key(fields: "id", resolvable: false) { id: ID! }`;

interface TripRecord {
  id: string;
  riderId: string;
  driverId: string | null;
  status: string;
}

const trips: TripRecord[] = [
  { id: 't1', riderId: 'r-1', driverId: 'd-1', status: 'ACCEPTED' },
  { id: 't2', riderId: 'r-2', driverId: 'd-1', status: 'COMPLETED' },
  { id: 't3', riderId: 'r-2', driverId: null, status: 'REQUESTED' },
];

function tripsSchema(pickup: () => string, location: () => string): GraphQLSchema {
  return applyAuthz(
    buildSubgraphSchema({
      typeDefs: parse(tripsSdl),
      resolvers: {
        Query: { trips: () => trips, secret: () => 'ok' },
        Trip: {
          rider: (trip: TripRecord) => ({ id: trip.riderId }),
          driver: (trip: TripRecord) => (trip.driverId ? { id: trip.driverId } : null),
          pickup,
        },
        Driver: { location },
      } as never,
    }),
  );
}

function context(viewer: Viewer | null, options: { offered?: string[]; ridesWith?: string[]; denied?: Record<string, TokenDenial> } = {}): AuthzContext {
  const relations: ViewerRelations = {
    offerTrips: () => undefined,
    isOffered: (id) => options.offered?.includes(id) ?? false,
    ridesWith: (driverId) => Promise.resolve(options.ridesWith?.includes(driverId) ?? false),
  };
  return { viewer, relations, ...(options.denied ? { deniedFields: new Map(Object.entries(options.denied)) } : {}) };
}

const rider = (id: string, scopes: string[] = []): Viewer => ({ client: 'passenger', id, scopes: new Set(scopes) });
const driver = (id: string): Viewer => ({ client: 'driver', id, scopes: new Set() });

async function run(schema: GraphQLSchema, query: string, contextValue: AuthzContext, variables?: Record<string, unknown>) {
  const result = await execute({ schema, document: parse(query), contextValue, variableValues: variables });
  const codes = (result.errors ?? []).map((error) => [error.path?.join('.'), error.extensions.code ?? (error.originalError as { code?: string }).code]);
  return { data: result.data as Record<string, unknown> | null | undefined, codes: codes.sort() };
}

describe('applyAuthz', () => {
  it('answers a field an owner rule refuses null with FORBIDDEN, without calling its resolver; the rest of the answer stands', async () => {
    const pickup = vi.fn(() => 'here');
    const schema = tripsSchema(pickup, () => 'x');
    const { data, codes } = await run(schema, '{ trips { id status pickup } }', context(rider('r-1')));
    expect(data).toEqual({
      trips: [
        { id: 't1', status: 'ACCEPTED', pickup: 'here' },
        { id: 't2', status: 'COMPLETED', pickup: null },
        { id: 't3', status: 'REQUESTED', pickup: null },
      ],
    });
    expect(codes).toEqual([
      ['trips.1.pickup', 'FORBIDDEN'],
      ['trips.2.pickup', 'FORBIDDEN'],
    ]);
    expect(pickup).toHaveBeenCalledTimes(1);
  });

  it('lets any listed rule allow: the active trip’s driver, a driver the trip is offered to', async () => {
    const schema = tripsSchema(() => 'here', () => 'x');
    const asDriver = await run(schema, '{ trips { pickup } }', context(driver('d-1'), { offered: ['t3'] }));
    // t1: d-1 drives it, ACCEPTED. t2: d-1 drove it, but it is over. t3: offered to d-1.
    expect(asDriver.data).toEqual({ trips: [{ pickup: 'here' }, { pickup: null }, { pickup: 'here' }] });
    // A driver id equal to a rider id is still not that rider: roles are compared first.
    const lookalike = await run(schema, '{ trips { pickup } }', context(driver('r-2')));
    expect(lookalike.data).toEqual({ trips: [{ pickup: null }, { pickup: null }, { pickup: null }] });
  });

  it('answers UNAUTHENTICATED for an anonymous caller, before any rule or resolver runs', async () => {
    const pickup = vi.fn(() => 'here');
    const schema = tripsSchema(pickup, () => 'x');
    const { data, codes } = await run(schema, '{ trips { id } secret }', context(null));
    expect(data).toEqual({ trips: null, secret: null });
    expect(codes).toEqual([
      ['secret', 'UNAUTHENTICATED'],
      ['trips', 'UNAUTHENTICATED'],
    ]);
    // Reached through _entities (no @authenticated root on the way): the owner rule still needs a viewer.
    const entities = await run(schema, '{ _entities(representations: [{ __typename: "Trip", id: "t1" }]) { ... on Trip { pickup } } }', context(null));
    expect(entities.codes).toEqual([['_entities.0.pickup', 'UNAUTHENTICATED']]);
    expect(pickup).not.toHaveBeenCalled();
  });

  it('applies @requiresScopes as an OR of AND-lists, FORBIDDEN naming the scopes', async () => {
    const schema = tripsSchema(() => 'here', () => 'x');
    expect((await run(schema, '{ secret }', context(rider('r-1', ['a', 'b'])))).data).toEqual({ secret: 'ok' });
    expect((await run(schema, '{ secret }', context(rider('r-1', ['c'])))).data).toEqual({ secret: 'ok' });
    const refused = await execute({ schema, document: parse('{ secret }'), contextValue: context(rider('r-1', ['a'])) });
    expect(refused.data).toEqual({ secret: null });
    expect(refused.errors?.[0]?.message).toBe('Query.secret is not visible to you: it needs the scope a and b, or c.');
  });

  it('honours the edge’s precomputed denials, which can add refusals but never lift one', async () => {
    const schema = tripsSchema(() => 'here', () => 'x');
    const added = await run(schema, '{ secret }', context(rider('r-1', ['c']), { denied: { 'Query.secret': 'FORBIDDEN' } }));
    expect(added.codes).toEqual([['secret', 'FORBIDDEN']]);
    // An edge map that misses a field (empty here) does not let an anonymous caller through.
    const missed = await run(schema, '{ secret }', context(null, { denied: {} }));
    expect(missed.codes).toEqual([['secret', 'UNAUTHENTICATED']]);
  });

  it('reads the rule’s fields through the subgraph’s own resolvers: a representation from @requires works the same', async () => {
    const fare = vi.fn(() => 42);
    const schema = applyAuthz(buildSubgraphSchema({ typeDefs: parse(pricingSdl), resolvers: { Trip: { fare } } as never }));
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Trip { fare } } }';
    const representations = [
      { __typename: 'Trip', id: 't1', rider: { id: 'r-1' } },
      { __typename: 'Trip', id: 't2', rider: { id: 'r-2' } },
    ];
    const { data, codes } = await run(schema, query, context(rider('r-1')), { r: representations });
    expect(data).toEqual({ _entities: [{ fare: 42 }, { fare: null }] });
    expect(codes).toEqual([['_entities.1.fare', 'FORBIDDEN']]);
    expect(fare).toHaveBeenCalledTimes(1);
  });

  it('asks the request’s relations for data-based rules (a rider with an active trip with the driver)', async () => {
    const schema = tripsSchema(() => 'here', () => 'precise');
    const query = '{ _entities(representations: [{ __typename: "Driver", id: "d-1" }, { __typename: "Driver", id: "d-2" }]) { ... on Driver { location } } }';
    const asRider = await run(schema, query, context(rider('r-1'), { ridesWith: ['d-1'] }));
    expect(asRider.data).toEqual({ _entities: [{ location: 'precise' }, { location: null }] });
    const asSelf = await run(schema, query, context(driver('d-2')));
    expect(asSelf.data).toEqual({ _entities: [{ location: null }, { location: 'precise' }] });
  });

  it('refuses, naming Type.field, an owner rule that reads a field the subgraph does not have', () => {
    const sdl = `${link}\n${authzDirectivesSdl}\ntype Trip @key(fields: "id") { id: ID! fare: Int @owner(rules: [TRIP_RIDER]) }`;
    expect(() => applyAuthz(buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: {} as never }))).toThrow(/^Trip\.fare: @owner rule TRIP_RIDER: Trip\.rider/);
  });
});
