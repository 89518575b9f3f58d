/**
 * Cacheable GETs: a query sent by GET whose answer is public (products, prices: hints declared in
 * the subgraph SDL) carries `Cache-Control: public, max-age` and an `ETag`, and `If-None-Match`
 * answers 304; a per-user or degraded answer is `private, no-store`; a POST stays `no-store`.
 * The whole system (gateway and demo fleet).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation } from './harness/operations.ts';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';
import { waitFor } from './harness/waitFor.ts';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem(loadTolerantEnv);
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
    // Only a clean answer is public: on a busy machine a service may time out once right after start.
    const { first, body } = await waitFor(async () => {
      const answer = await get(operation('web/ProductDetails'), { id: 'p-comfort' });
      const parsed = (await answer.json()) as { data?: { product?: { id: string } }; errors?: unknown };
      if (parsed.errors) expect(answer.headers.get('cache-control')).toBe('private, no-store');
      return answer.status === 200 && !parsed.errors ? { first: answer, body: parsed } : undefined;
    }, 20_000, 'an answer without errors');
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

  it('GET ProductDetails by document id, twice with If-None-Match → 304; no preflight header needed for a trusted document', async () => {
    const ids = JSON.parse(readFileSync(new URL('../clients/web/__generated__/operation-ids.json', import.meta.url), 'utf8')) as Record<string, string>;
    const search = new URLSearchParams({ documentId: ids.ProductDetails ?? '', variables: JSON.stringify({ id: 'p-black' }) });
    const first = await waitFor(async () => {
      const answer = await fetch(`${system.url}/web/graphql?${search}`);
      return answer.status === 200 && answer.headers.get('etag') ? answer : undefined;
    }, 20_000, 'a clean, cacheable answer');
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    expect(((await first.json()) as { data: { product: { id: string } } }).data.product.id).toBe('p-black');
    const again = await fetch(`${system.url}/web/graphql?${search}`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('a GET naming an automatic persisted query by hash is cacheable the same way', async () => {
    const query = operation('web/ProductDetails');
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } });
    const register = await fetch(`${system.url}/web/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { id: 'p-xl' }, extensions: JSON.parse(extensions) as unknown }),
    });
    expect(register.status).toBe(200);
    const byHash = await waitFor(async () => {
      const search = new URLSearchParams({ extensions, variables: JSON.stringify({ id: 'p-xl' }) });
      const answer = await fetch(`${system.url}/web/graphql?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
      return answer.status === 200 && answer.headers.get('etag') ? answer : undefined;
    }, 10_000, 'the hash to be registered');
    expect(byHash.headers.get('cache-control')).toBe('public, max-age=60');
    expect(((await byHash.json()) as { data: { product: { id: string } } }).data.product.id).toBe('p-xl');
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
