import { describe, expect, it } from 'vitest';
import type { Viewer } from '../auth/index.ts';
import { clientSubgraphSdls } from '../federation/index.ts';
import { authzDirectivesSdl } from './authzDirectives.ts';
import { TokenRules } from './TokenRules.ts';

const viewer = (client: Viewer['client'], scopes: string[] = []): Viewer => ({ client, id: 'x-1', scopes: new Set(scopes) });

describe('TokenRules', () => {
  it('decides @authenticated, @requiresScopes and the sign-in @owner implies from the token alone', () => {
    const rules = new TokenRules([
      `${authzDirectivesSdl}
type Query { me: String @authenticated, products: [String] }
type Rider { trips: [String] @owner(rules: [SELF]) name: String @public }
type Driver { earnings: Int @requiresScopes(scopes: [["earnings:read"], ["admin", "audit"]]) }`,
    ]);
    const coordinates = ['Query.me', 'Query.products', 'Rider.trips', 'Rider.name', 'Driver.earnings'];
    expect(rules.denials(coordinates, null)).toEqual(
      new Map([
        ['Query.me', 'UNAUTHENTICATED'],
        ['Rider.trips', 'UNAUTHENTICATED'],
        ['Driver.earnings', 'UNAUTHENTICATED'],
      ]),
    );
    expect(rules.denials(coordinates, viewer('driver'))).toEqual(new Map([['Driver.earnings', 'FORBIDDEN']]));
    expect(rules.denials(coordinates, viewer('driver', ['earnings:read'])).size).toBe(0);
    expect(rules.denials(coordinates, viewer('driver', ['admin'])).get('Driver.earnings')).toBe('FORBIDDEN');
    expect(rules.denials(coordinates, viewer('driver', ['audit', 'admin'])).size).toBe(0);
  });

  it('applies every subgraph’s rules to a field several declare', () => {
    const rules = new TokenRules([
      `${authzDirectivesSdl}\ntype LatLng { lat: Float @requiresScopes(scopes: [["a"]]) }`,
      `${authzDirectivesSdl}\ntype LatLng { lat: Float @requiresScopes(scopes: [["b"]]) }`,
    ]);
    expect(rules.denial('LatLng.lat', viewer('web', ['a']))).toBe('FORBIDDEN');
    expect(rules.denial('LatLng.lat', viewer('web', ['a', 'b']))).toBeUndefined();
  });

  it('reads each client’s subgraphs: web me needs a sign-in, earnings needs earnings:read', () => {
    const web = new TokenRules(clientSubgraphSdls('web').map(({ sdl }) => sdl));
    expect(web.denials(['Query.me', 'Query.product', 'Product.reviews', 'Review.author', 'PublicProfile.name'], null)).toEqual(new Map([['Query.me', 'UNAUTHENTICATED']]));
    const driver = new TokenRules(clientSubgraphSdls('driver').map(({ sdl }) => sdl));
    expect(driver.denials(['Query.me', 'Driver.earnings', 'Mutation.acceptRide'], viewer('driver', ['rides:drive']))).toEqual(new Map([['Driver.earnings', 'FORBIDDEN']]));
  });
});
