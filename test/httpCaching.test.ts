/**
 * Cacheable GETs: a query sent by GET whose answer is public (products, prices: hints declared in
 * the subgraph SDL) carries `Cache-Control: public, max-age` and an `ETag`, and `If-None-Match`
 * answers 304; a per-user or degraded answer is `private, no-store`; a POST stays `no-store`.
 * The whole system (gateway and demo fleet).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation } from './harness/operations.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
}, 120_000);
afterAll(() => system?.stop());

/** A GET of `query` at web's endpoint (anonymous unless `token`), with extra headers. */
function get(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}, token?: string): Promise<Response> {
  const search = new URLSearchParams({ query, variables: JSON.stringify(variables) });
  return fetch(`${system.url}/web/graphql?${search}`, {
    headers: { 'apollo-require-preflight': 'true', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

describe('cacheable GETs', () => {
  it('GET ProductDetails (web, anonymous): public with the shortest max-age of its fields and an ETag; If-None-Match → 304 with no body', async () => {
    const first = await get(operation('web/ProductDetails'), { id: 'p-comfort' });
    expect(first.status).toBe(200);
    const body = (await first.json()) as { data?: { product?: { id: string } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.product?.id).toBe('p-comfort');
    // Price and Promotion: 60 s; Product, Review, PublicProfile: 300 s.
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);

    const again = await get(operation('web/ProductDetails'), { id: 'p-comfort' }, { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('a per-user query over GET (`me` with a token) is private, no-store', async () => {
    const answer = await get('{ me { id name } }', {}, {}, await system.token('web', 'r-0042'));
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { data: { me: { id: string } } }).data.me.id).toBe('r-0042');
    expect(answer.headers.get('cache-control')).toBe('private, no-store');
    expect(answer.headers.get('etag')).toBeNull();
  });

  it('a degraded answer over GET is private, no-store', async () => {
    await system.control('PUT', '/faults/pricing', { mode: 'down' });
    try {
      const answer = await get(operation('web/ProductDetails'), { id: 'p-economy' });
      const body = (await answer.json()) as { extensions?: { degraded?: unknown[] } };
      expect(body.extensions?.degraded?.length).toBeGreaterThan(0);
      expect(answer.headers.get('cache-control')).toBe('private, no-store');
      expect(answer.headers.get('etag')).toBeNull();
    } finally {
      await system.control('PUT', '/faults/pricing', { mode: 'ok' });
    }
  });

  it('the same query by POST is no-store', async () => {
    const answer = await fetch(`${system.url}/web/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: operation('web/ProductDetails'), variables: { id: 'p-comfort' } }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('etag')).toBeNull();
  });
});
