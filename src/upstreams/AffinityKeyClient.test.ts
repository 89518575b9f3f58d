import { describe, expect, it } from 'vitest';
import type { CallOptions, GrpcRequest, RestRequest, ServiceClient } from '../transport/types.ts';
import { AffinityKeyClient } from './AffinityKeyClient.ts';

/** A client that records the options of each call. */
function recorder<Req>(): ServiceClient<Req> & { keys: (string | undefined)[] } {
  const keys: (string | undefined)[] = [];
  return {
    service: 'pricing',
    keys,
    call: <Res>(_request: Req, options: CallOptions) => {
      keys.push(options.affinityKey);
      return Promise.resolve({} as Res);
    },
  };
}

const read: CallOptions = { deadline: Date.now() + 1_000, idempotent: true };

describe('AffinityKeyClient', () => {
  it('keys a gRPC call by the smallest value of the field, whatever the batch order', async () => {
    const inner = recorder<GrpcRequest>();
    const client = new AffinityKeyClient(inner, 'productIds');
    await client.call({ method: 'GetProductPrices', message: { productIds: ['p-xl', 'p-comfort', 'p-pool'] } }, read);
    await client.call({ method: 'GetProductPrices', message: { productIds: ['p-pool', 'p-xl', 'p-comfort'] } }, read);
    await client.call({ method: 'GetProductPrices', message: { productIds: [] } }, read);
    await client.call({ method: 'QuoteFares', message: { trips: [] } }, read);
    await client.call({ method: 'GetProductPrices', message: { productIds: ['p-xl'] } }, { ...read, affinityKey: 'given' });
    expect(inner.keys).toEqual(['p-comfort', 'p-comfort', undefined, undefined, 'given']);
  });

  it('keys a REST call by the smallest id of a comma-separated query field', async () => {
    const inner = recorder<RestRequest>();
    await new AffinityKeyClient(inner, 'ids').call({ method: 'GET', path: '/riders', query: { ids: 'r-0009,r-0002' } }, read);
    expect(inner.keys).toEqual(['r-0002']);
  });
});
