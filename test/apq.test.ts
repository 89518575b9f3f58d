/**
 * Automatic persisted queries (Apollo's protocol), resolved at the edge before the limits: two
 * real gateways in this process (no demo fleet: `{ __typename }` needs no service), sharing a
 * redis-server of the test's own. A hash-only request is checked like the text it
 * stands for, with its own variables, so a hash cannot carry a document past the limits.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../src/auth/index.ts';
import { demoSecrets, loadConfig } from '../src/config/index.ts';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { startRedis, type RunningRedis } from './harness/startRedis.ts';
import { waitFor } from './harness/waitFor.ts';
import { generousAdmissionEnv } from './harness/generousAdmissionEnv.ts';

const namespace = `apq-test-${randomUUID()}`;
let redis: RunningRedis;

/** A gateway of this test: demo mode, no fleet, serving before ready (no service is ever needed). */
function start(env: Record<string, string> = {}): Promise<RunningGateway> {
  return startGateway(
    loadConfig({ NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', DEMO_FLEET: 'false', REDIS_URL: redis.url, CACHE_NAMESPACE: namespace, ...generousAdmissionEnv, ...env }),
    { serveBeforeReady: true },
  );
}

let first: RunningGateway;
let second: RunningGateway;
beforeAll(async () => {
  redis = await startRedis();
  // The second allows 2 aliases where the first allows the default 15, and the driver app's APQ is off there.
  // The first allows web a cost of 300 (5 000 by default).
  [first, second] = await Promise.all([start({ COST_LIMIT_WEB: '300' }), start({ MAX_ALIASES: '2', APQ_DRIVER: 'off' })]);
}, 90_000);
afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await redis?.stop();
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });

interface Answer {
  status: number;
  cacheControl?: string | null;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function post(gateway: RunningGateway, body: Record<string, unknown>, client = 'web', token?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(`http://127.0.0.1:${gateway.port}/${client}/graphql`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

async function get(gateway: RunningGateway, params: Record<string, string>): Promise<Answer> {
  const search = new URLSearchParams(params).toString();
  const response = await fetch(`http://127.0.0.1:${gateway.port}/web/graphql?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
  return { status: response.status, cacheControl: response.headers.get('cache-control'), body: (await response.json()) as Answer['body'] };
}

describe('automatic persisted queries', () => {
  it('hash only → not found; hash and query → served and stored; hash only → served, on another gateway sharing Redis too', async () => {
    const query = `{ __typename first: __typename }`;
    const unknown = await post(first, { extensions: persisted(query) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await post(first, { query, extensions: persisted(query) });
    expect(registered).toMatchObject({ status: 200, body: { data: { __typename: 'Query', first: 'Query' } } });

    const byHash = await post(first, { extensions: persisted(query) });
    expect(byHash).toMatchObject({ status: 200, body: { data: { __typename: 'Query', first: 'Query' } } });

    // Registration is written in the background: the other replica finds it once Redis has it.
    const elsewhere = await waitFor(async () => {
      const answer = await post(second, { extensions: persisted(query) });
      return answer.body.data ? answer : undefined;
    }, 10_000, 'the second gateway to find the query in Redis');
    expect(elsewhere).toMatchObject({ status: 200, body: { data: { __typename: 'Query', first: 'Query' } } });
    // Kept under the run's namespace, with a TTL (APQ_TTL_MS, 24 h by default).
    const ttl = Number(redis.cli('PTTL', `${namespace}::apq:v1:${sha256(query)}`));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(86_400_000);
  });

  it('works over GET too (hash only, after a POST registered it)', async () => {
    const query = `{ viaGet: __typename }`;
    const extensions = JSON.stringify(persisted(query));
    const notFound = await get(first, { extensions });
    expect(notFound.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // A 200 no cache may keep: the client registers the text next.
    expect(notFound.cacheControl).toBe('private, no-store');
    expect((await get(first, { query, extensions })).body.data).toEqual({ viaGet: 'Query' });
    expect(await get(first, { extensions })).toMatchObject({ status: 200, body: { data: { viaGet: 'Query' } } });
  });

  it('a hash that is not the query’s is 400, and nothing is stored under it', async () => {
    const query = `{ mismatch: __typename }`;
    const wrong = await post(first, { query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ something { else } }') } } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors?.[0]).toMatchObject({ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } });
    expect((await post(first, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ something { else } }') } } })).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const malformed = await post(first, { extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('a hash-only request gets the limits of the text it stands for: a document one gateway admitted, another refuses by hash', async () => {
    // Admitted by the first (its execution fails here, no catalog runs: registration comes before it).
    const query = `{ a: products { id } b: products { id } c: products { id } }`;
    expect((await post(first, { query, extensions: persisted(query) })).body.errors?.[0]?.extensions?.code).not.toBe('ALIAS_LIMIT_EXCEEDED');
    const refused = await waitFor(async () => {
      const answer = await post(second, { extensions: persisted(query) });
      return answer.body.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND' ? undefined : answer;
    }, 10_000, 'the second gateway to find the query in Redis');
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('ALIAS_LIMIT_EXCEEDED');
    // And a document the limits refuse is never registered.
    const tooWide = `{ x: products { id } y: products { id } z: products { id } w: products { id } }`;
    expect((await post(second, { query: tooWide, extensions: persisted(tooWide) })).body.errors?.[0]?.extensions?.code).toBe('ALIAS_LIMIT_EXCEEDED');
    expect((await post(second, { extensions: persisted(tooWide) })).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('the cost limit applies to a hash-only request with its own variables', async () => {
    const query = `query Reviews($n: Int!) { products { reviews(first: $n) { rating } } }`;
    const low = await post(first, { query, variables: { n: 1 }, extensions: persisted(query) });
    expect(low.body.errors?.map((error) => error.extensions?.code) ?? []).not.toContain('COST_LIMIT_EXCEEDED');
    const high = await post(first, { variables: { n: 50 }, extensions: persisted(query) });
    expect(high.status).toBe(400);
    expect(high.body.errors?.[0]?.extensions?.code).toBe('COST_LIMIT_EXCEEDED');
  });

  it('a client whose APQ is off answers PERSISTED_QUERY_NOT_SUPPORTED and stores nothing', async () => {
    const query = `{ off: __typename }`;
    const token = await issueToken(demoSecrets.jwtSecret, { client: 'driver', subject: 'd-0001', issuer: 'ride-bff' });
    const refused = await post(second, { query, extensions: persisted(query) }, 'driver', token);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  });
});
