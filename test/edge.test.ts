import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../src/auth/index.ts';
import { operation } from './harness/operations.ts';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem(loadTolerantEnv);
});
afterAll(() => system?.stop());

const productsQuery = '{ products { id } }';

async function post(path: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: { errors?: { message: string; extensions?: { code?: string } }[] } }> {
  const response = await fetch(`${system.url}${path}`, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as never };
}

describe('identity', () => {
  it.each(['passenger', 'driver'] as const)('%s: no token or a bad one is 401 with a message; another app’s token is 403', async (client) => {
    const missing = await system.graphql(client, productsQuery, {}, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.errors?.[0]).toMatchObject({ message: expect.stringContaining('Bearer'), extensions: { code: 'UNAUTHENTICATED' } });

    const forged = await issueToken('another-secret-that-is-long-enough-000000', { client, subject: 'r-0001', issuer: 'ride-bff' });
    const bad = await system.graphql(client, productsQuery, {}, { token: forged });
    expect(bad.status).toBe(401);
    expect(bad.errors?.[0]?.message).toMatch(/signature/);

    const expired = await issueToken('demo-only-jwt-secret-change-me-0123456789', { client, subject: 'r-0001', issuer: 'ride-bff', ttlSec: -120 });
    expect((await system.graphql(client, productsQuery, {}, { token: expired })).status).toBe(401);

    const other = await system.token(client === 'passenger' ? 'driver' : 'passenger');
    const wrongApp = await system.graphql(client, productsQuery, {}, { token: other });
    expect(wrongApp.status).toBe(403);
    expect(wrongApp.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('web: anonymous visitors get public data; `me` is null with UNAUTHENTICATED', async () => {
    const result = await system.graphql<{ me: null; products: unknown[] }>('web', '{ me { id } products { id } }', {}, { token: null });
    expect(result.status).toBe(200);
    expect(result.data!.products).toHaveLength(8);
    expect(result.data!.me).toBeNull();
    expect(result.errors?.[0]).toMatchObject({ path: ['me'], extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('web: a signed-in rider’s `me` is that rider', async () => {
    const result = await system.graphql('web', '{ me { id name } }', {}, { token: await system.token('web', 'r-0042') });
    expect(result.data).toMatchObject({ me: { id: 'r-0042', name: expect.any(String) } });
  });
});

describe('each client sees only its own schema', () => {
  const fieldsOf = async (client: 'passenger' | 'driver' | 'web', type: string) => {
    const result = await system.graphql<{ __type: { fields: { name: string }[] } | null }>(client, `{ __type(name: "${type}") { fields { name } } }`);
    return result.data?.__type?.fields.map((field) => field.name) ?? [];
  };

  it('earnings exists for the driver app only', async () => {
    expect(await fieldsOf('driver', 'Driver')).toContain('earnings');
    expect(await fieldsOf('passenger', 'Driver')).not.toContain('earnings');
    expect(await fieldsOf('web', 'Driver')).not.toContain('earnings');
    const asked = await system.graphql('passenger', '{ me { recentTrips(first: 1) { driver { earnings(period: TODAY) { amount } } } } }');
    expect(asked.status).toBe(400);
    expect(asked.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('the web has no mutations; the driver app has no requestRide; the passenger app no acceptRide', async () => {
    expect(await fieldsOf('web', 'Mutation')).toEqual([]);
    expect(await fieldsOf('driver', 'Mutation')).toEqual(['acceptRide', 'updateLocation']);
    expect(await fieldsOf('passenger', 'Mutation')).toEqual(['requestRide']);
  });
});

describe('bad input gets an error response, and the gateway keeps serving', () => {
  const auth = async () => ({ authorization: `Bearer ${await system.token('passenger')}` });

  it('malformed JSON is 400 with the parser’s reason', async () => {
    const response = await post('/passenger/graphql', '{"query": ', { ...(await auth()), 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.message).toMatch(/not valid JSON/);
  });

  it('a wrong content type is 415', async () => {
    const response = await post('/passenger/graphql', 'query { products { id } }', { ...(await auth()), 'content-type': 'text/plain' });
    expect(response.status).toBe(415);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('a body over 100 KB is 413', async () => {
    const response = await post('/passenger/graphql', JSON.stringify({ query: `{ products { id } } # ${'x'.repeat(110_000)}` }), {
      ...(await auth()),
      'content-type': 'application/json',
    });
    expect(response.status).toBe(413);
  });

  it('an unknown operation name and invalid variables are 400 with a message', async () => {
    const unknown = await post('/passenger/graphql', JSON.stringify({ query: operation('passenger/PassengerHome'), operationName: 'Nope' }), {
      ...(await auth()),
      'content-type': 'application/json',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]?.message).toMatch(/Nope/);
    const badVariables = await system.graphql('passenger', operation('passenger/PassengerHome'), { lat: 'north', lng: null });
    expect(badVariables.status).toBe(400);
    expect(badVariables.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('an invalid query is 400 with GRAPHQL_VALIDATION_FAILED and no field suggestions', async () => {
    const result = await system.graphql('passenger', '{ prodcts { id } }');
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('GET serves queries (not mutations)', async () => {
    const headers = await auth();
    const query = encodeURIComponent('{ products { id } }');
    const ok = await fetch(`${system.url}/passenger/graphql?query=${query}`, { headers });
    expect(ok.status).toBe(200);
    const mutation = encodeURIComponent('mutation { requestRide(productId: "p-economy", pickup: {lat: 1, lng: 1}, dropoff: {lat: 1, lng: 2}) { id } }');
    expect((await fetch(`${system.url}/passenger/graphql?query=${mutation}`, { headers })).status).toBe(405);
  });

  it('still serves after malformed, mistyped and oversized requests', async () => {
    // Its own bad requests, not those of the tests above: it passes alone and in any order.
    const headers = await auth();
    await post('/passenger/graphql', '{"query": ', { ...headers, 'content-type': 'application/json' });
    await post('/passenger/graphql', 'query { products { id } }', { ...headers, 'content-type': 'text/plain' });
    await post('/passenger/graphql', JSON.stringify({ query: `{ products { id } } # ${'x'.repeat(110_000)}` }), { ...headers, 'content-type': 'application/json' });
    const result = await system.graphql('passenger', productsQuery);
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
  });
});

describe('operations endpoints', () => {
  it('/healthz, /readyz with per-service instance counts, /metrics in Prometheus text', async () => {
    expect((await fetch(`${system.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${system.url}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { services: Record<string, number> };
    expect(body.services).toMatchObject({ drivers: 2, pricing: 2, riders: 1 });
    // A request of its own to count, rather than whatever the tests before it sent.
    expect((await system.graphql('passenger', productsQuery)).status).toBe(200);
    const metrics = await (await fetch(`${system.url}/metrics`)).text();
    expect(metrics).toMatch(/bff_http_requests_total\{client="passenger",status="200"\} \d+/);
  });

  it('a browser gets the playground, whose assets the gateway serves itself', async () => {
    const page = await fetch(`${system.url}/passenger/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('PassengerHome');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset.startsWith('/playground/assets/')).toBe(true);
      expect((await fetch(`${system.url}${asset}`)).status).toBe(200);
    }
  });

  it('the fleet’s fault control is proxied at /demo/ in demo mode', async () => {
    const faults = await fetch(`${system.url}/demo/faults`);
    expect(faults.status).toBe(200);
    expect(await faults.json()).toHaveProperty('pricing');
  });
});
