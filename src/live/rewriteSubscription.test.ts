import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/index.ts';
import { intValue, readSubscriptionRoot, rewriteAsQuery, variableValue } from './rewriteSubscription.ts';

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('a subscription re-read as a query', () => {
  it('keeps the subscriber\'s whole selection, fragments and variables under the query field, aliased to the response key', () => {
    const root = readSubscriptionRoot(
      'subscription TripLive($tripId: ID!) { live: tripUpdated(tripId: $tripId) { id ...Who } } fragment Who on Trip { driver { name } }',
      undefined,
    );
    expect(root).toMatchObject({ field: 'tripUpdated', responseKey: 'live' });
    const query = rewriteAsQuery(root, { field: 'trip', arguments: new Map([['id', root.arguments.get('tripId')!]]) });
    expect(squash(query)).toBe('query TripLive($tripId: ID!) { live: trip(id: $tripId) { id ...Who } } fragment Who on Trip { driver { name } }');
  });

  it('binds an event\'s key as an added variable, and sets literal arguments', () => {
    const root = readSubscriptionRoot('subscription { rideOffers { id } }', undefined);
    expect(squash(rewriteAsQuery(root, { field: 'trip', arguments: new Map([['id', variableValue('offered')]]), addedVariables: [{ name: 'offered', type: 'ID!' }] }))).toBe(
      'query ($offered: ID!) { rideOffers: trip(id: $offered) { id } }',
    );
    expect(squash(rewriteAsQuery(root, { field: 'rideOffers', arguments: new Map([['first', intValue(10)]]) }))).toBe('{ rideOffers: rideOffers(first: 10) { id } }');
  });

  it('refuses what is not one subscription root field: queries (sent over HTTP), fragments at the root, unknown operation names', () => {
    const codeOf = (query: string, name?: string): string | undefined => {
      try {
        readSubscriptionRoot(query, name);
        return undefined;
      } catch (error) {
        return error instanceof GatewayError ? error.code : 'other';
      }
    };
    expect(codeOf('{ products { id } }')).toBe('BAD_REQUEST');
    expect(codeOf('subscription { ...F } fragment F on Subscription { rideOffers { id } }')).toBe('BAD_REQUEST');
    expect(codeOf('subscription A { rideOffers { id } }', 'B')).toBe('OPERATION_RESOLUTION_FAILURE');
  });
});
