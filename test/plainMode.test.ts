/**
 * Plain federation mode (SUPERGRAPH_FILE) is a drop-in for a plain `@apollo/gateway` + Apollo
 * Server: over the same two remote subgraphs (an entity across both, `@requires`, `@provides`, an
 * interface implemented in both, fields that fail), both answer the same `data` with errors at the
 * same paths. And it is served by the default mode's edge: registry-resolved subgraphs, readiness,
 * metrics, tokens, limits and the deadline header. The gateway runs in this process; the
 * subgraphs and the reference gateway on their own loopback ports.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSecrets, loadConfig, type PlainConfig } from '../src/config/index.ts';
import { RegistryClient } from '../src/registry/index.ts';
import type { ReadinessReport, RunningGateway } from '../src/server/index.ts';
import { startPlainGateway } from '../src/startPlainGateway.ts';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';
import { generousAdmissionEnv } from './harness/generousAdmissionEnv.ts';
import { startPlainSubgraphs, startReferenceGateway, type PlainSubgraphs, type ReferenceGateway } from './harness/plainSubgraphs.ts';

interface Answer {
  readonly status: number;
  readonly data?: unknown;
  readonly errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
  readonly headers: Headers;
}

let subgraphs: PlainSubgraphs;
let reference: ReferenceGateway;
let gateway: RunningGateway;
let registration: RegistryClient;
let beforeRegistration: ReadinessReport;
let plain: PlainConfig;

beforeAll(async () => {
  subgraphs = await startPlainSubgraphs();
  reference = await startReferenceGateway(subgraphs.compose());
  // Ours reaches reviews through the registry, accounts at its URL.
  const file = join(mkdtempSync(join(tmpdir(), 'plain-')), 'supergraph.graphql');
  writeFileSync(file, subgraphs.compose({ reviewsUrl: 'registry://reviews/graphql' }));
  const config = loadConfig({
    ...generousAdmissionEnv,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: '0',
    SUPERGRAPH_FILE: file,
    FORWARD_HEADERS: 'authorization, Accept-Language',
    REGISTRY_TTL_MS: '600000',
    // The comparison is about answers, not deadlines: a busy machine must not time a fetch out here.
    ...loadTolerantEnv,
  });
  plain = config.plain!;
  gateway = await startPlainGateway(config, plain);
  beforeRegistration = gateway.readiness();
  registration = new RegistryClient({
    registryUrl: gateway.url,
    token: demoSecrets.registryToken,
    registration: { service: 'reviews', address: subgraphs.reviewsAddress, protocol: 'graphql', metadata: { path: '/graphql' } },
  });
  await registration.start();
  await gateway.whenReady();
}, 60_000);

afterAll(async () => {
  await registration?.stop();
  await gateway?.stop();
  await reference?.stop();
  await subgraphs?.stop();
});

async function post(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, headers: response.headers, ...((await response.json()) as object) };
}

const ours = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => post(`${gateway.url}/graphql`, query, variables, headers);
const theirs = (query: string, variables?: Record<string, unknown>) => post(reference.url, query, variables);

/** The paths of an answer's errors, in a stable order. */
const errorPaths = (answer: Answer): string[] => (answer.errors ?? []).map((error) => JSON.stringify(error.path ?? null)).sort();

/** Operations a client of the reference would send; each name says what it exercises. */
const operations: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  'an entity resolved across both, and a @requires field': { query: '{ users { id name username reviews { id body } signature } }' },
  '@provides: the author username comes with the review': { query: '{ latestReviews { id body author { id username } } }' },
  'an interface implemented in both subgraphs': {
    query: '{ feed { id __typename ... on Review { body author { name } } ... on User { name username reviews { id } } } }',
  },
  'a root field that fails beside one that does not': { query: '{ me { name } failing }' },
  'one item of a list fails': { query: '{ users { id birthYear } }' },
  'failures in both subgraphs of one plan': { query: '{ latestReviews { id stars author { name birthYear } } }' },
  'a non-null field fails and nulls up to the root': { query: '{ latestReviews { id title } }' },
  'variables, and an entity entered from accounts': {
    query: 'query One($id: ID!) { user(id: $id) { name reviews { id stars author { username } } } }',
    variables: { id: 'u-2' },
  },
  'a field nobody has': { query: '{ users { id nickname } }' },
};

describe('plain mode answers like plain @apollo/gateway on the same supergraph', () => {
  for (const [name, { query, variables }] of Object.entries(operations)) {
    it(name, async () => {
      const [mine, stock] = await Promise.all([ours(query, variables), theirs(query, variables)]);
      expect(mine.data).toEqual(stock.data);
      expect(errorPaths(mine)).toEqual(errorPaths(stock));
      expect(mine.errors?.length ?? 0).toBe(stock.errors?.length ?? 0);
      // The subgraphs' own codes pass through; ours carry a code on every error.
      for (const error of mine.errors ?? []) expect(typeof error.extensions?.code).toBe('string');
    });
  }

  it('the failing fields carry the codes the subgraphs gave, and the subgraph they came from', async () => {
    const answer = await ours('{ users { id birthYear } me { name } failing }');
    expect(answer.status).toBe(200);
    expect(answer.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['users', 1, 'birthYear'], extensions: { code: 'FORBIDDEN', service: 'accounts' } }),
        expect.objectContaining({ path: ['failing'], extensions: { code: 'NOT_FOUND', service: 'accounts' } }),
      ]),
    );
  });

  it('@provides spares accounts a fetch, as the plan says', async () => {
    const before = subgraphs.seen.accounts.length;
    const answer = await ours('{ latestReviews { author { username } } }');
    expect(answer.errors).toBeUndefined();
    expect(subgraphs.seen.accounts.length).toBe(before);
  });

  it('answers GET like POST, with the same CSRF prevention', async () => {
    const query = '{ users { id name signature } }';
    const get = (base: string, headers: Record<string, string> = {}) => fetch(`${base}?query=${encodeURIComponent(query)}`, { headers });
    const response = await get(`${gateway.url}/graphql`, { 'apollo-require-preflight': 'true' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown }).data).toEqual((await theirs(query)).data);
    // A GET a browser could send cross-site (no preflight header) is refused by both.
    const [mine, stock] = await Promise.all([get(`${gateway.url}/graphql`), get(reference.url)]);
    expect([mine.status, stock.status]).toEqual([400, 400]);
  });
});

describe('plain mode runs on the default mode edge', () => {
  it('is not ready until each registry:// subgraph has an instance; then /readyz shows the supergraph', async () => {
    expect(beforeRegistration).toMatchObject({ ready: false, details: { mode: 'plain', services: { reviews: 0 }, missingServices: ['reviews'] } });
    const readyz = await fetch(`${gateway.url}/readyz`);
    expect(readyz.status).toBe(200);
    expect(await readyz.json()).toMatchObject({
      status: 'ready',
      mode: 'plain',
      services: { reviews: 1 },
      supergraph: { file: plain.supergraphFile, subgraphs: { accounts: subgraphs.accountsUrl, reviews: 'registry://reviews/graphql' } },
    });
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
  });

  it('counts its requests in /metrics under client="plain"', async () => {
    await ours('{ me { name } }');
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(text).toMatch(/bff_http_requests_total\{client="plain",status="200"\} [1-9]/);
    expect(text).toMatch(/bff_operation_cost_count\{client="plain",kind="estimated"\} [1-9]/);
  });

  it('lets anonymous callers in; a valid token is the viewer; a bad one is 401 and a token for another audience 403', async () => {
    const sign = (audience: string) =>
      new SignJWT({ scope: 'reviews:read' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u-1')
        .setIssuer('ride-bff')
        .setAudience(audience)
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(demoSecrets.jwtSecret));
    expect((await ours('{ me { name } }')).status).toBe(200);
    expect((await ours('{ me { name } }', undefined, { authorization: `Bearer ${await sign('ride-bff:plain')}` })).data).toEqual({ me: { name: 'Ada Lovelace' } });
    const bad = await ours('{ me { name } }', undefined, { authorization: 'Bearer not-a-token' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(bad.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const elsewhere = await ours('{ me { name } }', undefined, { authorization: `Bearer ${await sign('ride-bff:web')}` });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('forwards only the configured client headers to the subgraphs', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-1')
      .setIssuer('ride-bff')
      .setAudience('ride-bff:plain')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(demoSecrets.jwtSecret));
    const before = subgraphs.seen.reviews.length;
    const answer = await ours('{ latestReviews { id author { name } } }', undefined, { authorization: `Bearer ${token}`, 'accept-language': 'pt-PT', 'x-secret': 'no' });
    expect(answer.errors).toBeUndefined();
    const fetches = [...subgraphs.seen.reviews.slice(before), subgraphs.seen.accounts.at(-1)!];
    for (const { headers } of fetches) {
      expect(headers).toMatchObject({ authorization: `Bearer ${token}`, 'accept-language': 'pt-PT' });
      expect(headers['x-secret']).toBeUndefined();
    }
  });

  it('refuses an operation over the limits before planning, as the client endpoints do', async () => {
    const deep = await ours('{ users { reviews { author { reviews { author { reviews { author { reviews { id } } } } } } } } }');
    expect(deep.status).toBe(400);
    expect(deep.errors?.[0]?.extensions?.code).toBe('DEPTH_LIMIT_EXCEEDED');
    const badDeadline = await ours('{ me { name } }', undefined, { 'x-request-deadline-ms': 'soon' });
    expect(badDeadline.status).toBe(400);
    expect(badDeadline.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('serves GraphQL at /graphql only', async () => {
    const response = await fetch(`${gateway.url}/web/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining('GraphQL is at /graphql') } });
  });
});
