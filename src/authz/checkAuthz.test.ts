import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { clientNames } from '../config/clientNames.ts';
import { clientSubgraphSdls } from '../federation/index.ts';
import { authzDirectivesSdl } from './authzDirectives.ts';
import { checkAuthz, checkSharedAuthz } from './checkAuthz.ts';
import { stripAuthz } from './stripAuthz.ts';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires", "@shareable"])';
const sdl = (body: string) => parse(`${link}\n${authzDirectivesSdl}\n${body}`);

describe('checkAuthz (composition and publish checks)', () => {
  it('accepts every subgraph the gateway composes', () => {
    for (const client of clientNames) {
      for (const { name, sdl: text } of clientSubgraphSdls(client)) expect([name, checkAuthz(parse(text))]).toEqual([name, []]);
    }
  });

  it('names Type.field for a personal field with neither a rule nor @public, and for every value type it reaches', () => {
    const problems = checkAuthz(
      sdl(`
type Trip @key(fields: "id") { id: ID! status: String! fare: Money @owner(rules: [TRIP_RIDER]) rider: Rider! @public product: Product @public }
type Money { amount: Float! currency: String! @public }
type Rider @key(fields: "id") { id: ID! }
type Product @key(fields: "id") { id: ID! name: String! }`),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^Trip\.status: Trip holds personal data; say who may see this field/),
      expect.stringMatching(/^Money\.amount: Money holds personal data/),
    ]);
  });

  it('names Type.field for a rule on a non-null field outside the root types, and for @public beside a rule', () => {
    const problems = checkAuthz(
      sdl(`
type Query { me: String! @authenticated }
type Mutation { book: String! @requiresScopes(scopes: [["rides:request"]]) }
type Driver @key(fields: "id") { id: ID! earnings: Int! @requiresScopes(scopes: [["earnings:read"]]) name: String @public @authenticated }`),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^Driver\.earnings: a rule on a non-null field \(Int!\): a denial answers null/),
      expect.stringMatching(/^Driver\.name: @public contradicts its rules/),
    ]);
  });

  it('names Type.field for an owner rule whose fields are neither key fields, nor in @requires, nor resolved by the subgraph', () => {
    const problems = checkAuthz(
      sdl(`
type Trip @key(fields: "id") {
  id: ID!
  rider: Rider! @external
  fare: Int @owner(rules: [TRIP_RIDER]) @requires(fields: "product { id }")
  fareOk: Int @owner(rules: [TRIP_RIDER]) @requires(fields: "rider { id }")
  estimate: Int @owner(rules: [TRIP_OFFERED_DRIVER])
  pickup: Int @owner(rules: [TRIP_DRIVER])
  product: Product! @external
}
type Rider @key(fields: "id", resolvable: false) { id: ID! }
type Product @key(fields: "id", resolvable: false) { id: ID! }`),
    );
    expect(problems).toEqual([
      'Trip.fare: @owner rule TRIP_RIDER reads "rider { id }", but rider is neither a key field of Trip here, nor in the field\'s @requires, nor resolved by this subgraph',
      expect.stringMatching(/^Trip\.pickup: @owner rule TRIP_DRIVER reads "status driver \{ id \}", but status is neither/),
      expect.stringMatching(/^Trip\.pickup: @owner rule TRIP_DRIVER reads .*but driver is neither/),
    ]);
  });

  it('checks nested reads within what a key or @requires provides, and on the types a local field returns', () => {
    const problems = checkAuthz(
      sdl(`
type Trip @key(fields: "id") {
  id: ID!
  status: String! @public
  driver: Driver @public
  rider: Rider! @external
  pickup: Int @owner(rules: [TRIP_DRIVER])
  fare: Int @owner(rules: [TRIP_RIDER]) @requires(fields: "rider { name }")
}
type Driver { name: String! @public }
type Rider @key(fields: "id", resolvable: false) { id: ID! name: String! @external }`),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^Trip\.pickup: @owner rule TRIP_DRIVER reads .*but driver\.id is neither/),
      expect.stringMatching(/^Trip\.fare: @owner rule TRIP_RIDER reads .*but rider\.id is neither/),
    ]);
  });

  it('names unknown rules, rules on the wrong type, empty scope lists, interfaces and missing definitions', () => {
    const problems = checkAuthz(
      sdl(`
type Product @key(fields: "id") { id: ID! price: Int @owner(rules: [SELF]) secret: Int @requiresScopes(scopes: [[]]) }
interface Node { id: ID! @authenticated }`),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^Product\.price: @owner rule SELF applies to Rider, Driver, not Product/),
      expect.stringMatching(/^Product\.secret: @requiresScopes needs at least one non-empty list/),
      expect.stringMatching(/^Node\.id: field authorization is declared on object type fields only/),
    ]);
    expect(checkAuthz(parse('type Rider @key(fields: "id") { id: ID! trips: [ID] @owner(rules: [SELF]) }'))).toEqual([
      expect.stringMatching(/^@owner is used but not defined/),
      expect.stringMatching(/^@owner is used but enum OwnerRule is not defined/),
    ]);
    expect(checkAuthz(parse(`${authzDirectivesSdl.replace('ACTIVE_TRIP_RIDER', 'ACTIVE_TRIP_RIDER FRIEND')}`))).toEqual([
      expect.stringMatching(/^enum OwnerRule: the gateway implements no rule FRIEND/),
    ]);
    expect(checkAuthz(parse(`${authzDirectivesSdl}\ntype Rider @key(fields: "id") { id: ID! trips: [ID] @owner(rules: FRIEND) }`))).toEqual([
      expect.stringMatching(/^Rider\.trips: @owner names no rule FRIEND/),
    ]);
  });

  it('names a field several subgraphs resolve with different rules', () => {
    const drivers = sdl('type LatLng @shareable { lat: Float! @public lng: Float! @public }');
    const trips = sdl('type LatLng @shareable { lat: Float! @public lng: Float! }');
    expect(checkSharedAuthz([{ name: 'drivers', document: drivers }, { name: 'trips', document: trips }])).toEqual([
      'LatLng.lng: resolved by several subgraphs with different rules (drivers: @public; trips: no rule); declare the same rules in each',
    ]);
  });
});

describe('stripAuthz', () => {
  it('removes the directives, their definitions and the OwnerRule enum, and nothing else', () => {
    const stripped = print(stripAuthz(sdl('type Trip @key(fields: "id") { id: ID! fare: Int @owner(rules: [TRIP_RIDER]) @requires(fields: "rider { id }") note: String @public @authenticated @requiresScopes(scopes: [["a"]]) }')));
    expect(stripped).not.toMatch(/authenticated|requiresScopes|owner|public|OwnerRule/i);
    expect(stripped).toContain('fare: Int @requires(fields: "rider { id }")');
  });
});
