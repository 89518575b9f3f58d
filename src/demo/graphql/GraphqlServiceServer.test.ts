import { SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/harness/waitFor.ts';
import { FaultGate } from '../faults/FaultGate.ts';
import { RequestCounter } from '../faults/RequestCounter.ts';
import { applyFault } from '../instance/applyFault.ts';
import { createSeed } from '../seed/createSeed.ts';
import { GraphqlServiceServer } from './GraphqlServiceServer.ts';
import { IdentityVerifier } from './IdentityVerifier.ts';
import { createPromotionsSchema } from './promotionsSchema.ts';
import { RequestRecorder } from './RequestRecorder.ts';

const SECRET = 'test-identity-secret-0123456789-abcdef';
const seed = createSeed();
const gate = new FaultGate();
const counter = new RequestCounter();
const recorder = new RequestRecorder(20);
const server = new GraphqlServiceServer({
  host: '127.0.0.1',
  schema: createPromotionsSchema(seed),
  gate,
  counter,
  identity: new IdentityVerifier({ key: { kind: 'secret', secret: SECRET }, issuer: 'ride-gateway', audience: 'promotions', clockToleranceSec: 30 }),
  recorder,
});
let base = '';

/** A gateway-signed identity token, with `claims` over valid defaults (sub r-0001, aud promotions, 60 s). */
async function identityToken(claims: { sub?: string; aud?: string; iss?: string; expSec?: number } = {}, secret = SECRET): Promise<string> {
  return new SignJWT({ client: 'passenger', scope: 'rides:request' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub ?? 'r-0001')
    .setAudience(claims.aud ?? 'promotions')
    .setIssuer(claims.iss ?? 'ride-gateway')
    .setExpirationTime(claims.expSec ?? Math.floor(Date.now() / 1_000) + 60)
    .sign(new TextEncoder().encode(secret));
}

interface Answer {
  status: number;
  body: { data?: { _entities?: unknown[] } | null; errors?: { message: string; path?: unknown[]; extensions?: { code?: string } }[] };
}

async function post(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Product { id promotion { code discountPercent validUntil } }
    ... on Rider { id vouchers { code discountPercent validUntil product { __typename id } } }
  }
}`;
const product = (id: string) => ({ __typename: 'Product', id });
const rider = (id: string) => ({ __typename: 'Rider', id });
const entities = (representations: unknown[], headers: Record<string, string> = {}) => post({ query: ENTITIES, variables: { representations } }, headers);

/** The seed's promotion of a product, as the subgraph answers it. */
const promotionOf = (productId: string) => {
  const promotion = seed.promotions.find((p) => p.productId === productId);
  return promotion ? { code: promotion.code, discountPercent: promotion.discountPercent, validUntil: promotion.validUntil } : null;
};
const vouchersOf = (riderId: string) =>
  seed.vouchers
    .filter((v) => v.riderId === riderId)
    .map((v) => ({ code: v.code, discountPercent: v.discountPercent, validUntil: v.validUntil, product: { __typename: 'Product', id: v.productId } }));

beforeAll(async () => {
  base = `http://127.0.0.1:${await server.start()}`;
});
afterAll(() => server.stop(0));
beforeEach(() => applyFault(server, gate, { mode: 'ok' }));

describe('promotions subgraph: _entities', () => {
  it('answers each product its current promotion, null when none runs (or the id is unknown)', async () => {
    const promoted = seed.promotions[0]!.productId;
    const plain = seed.products.find((p) => promotionOf(p.id) === null)!.id;
    const { status, body } = await entities([product(promoted), product(plain), product('p-unknown')]);
    expect(status).toBe(200);
    expect(body).toEqual({
      data: { _entities: [{ id: promoted, promotion: promotionOf(promoted) }, { id: plain, promotion: null }, { id: 'p-unknown', promotion: null }] },
    });
  });

  it("answers a rider's own vouchers, soonest to expire first, each product a reference", async () => {
    const { body } = await entities([rider('r-0001')], { 'x-identity-token': await identityToken() });
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toEqual([{ id: 'r-0001', vouchers: vouchersOf('r-0001') }]);
    expect(vouchersOf('r-0001').length).toBeGreaterThanOrEqual(2);
  });

  it("resolves a voucher's product here too (its promotion), for plans that come back", async () => {
    const query = '{ _entities(representations: [{__typename: "Rider", id: "r-0001"}]) { ... on Rider { vouchers { product { id promotion { code } } } } } }';
    const { body } = await post({ query }, { 'x-identity-token': await identityToken() });
    const expected = seed.vouchers.filter((v) => v.riderId === 'r-0001').map((v) => ({ product: { id: v.productId, promotion: promotionOf(v.productId) && { code: promotionOf(v.productId)!.code } } }));
    expect(body).toEqual({ data: { _entities: [{ vouchers: expected }] } });
  });
});

describe('promotions subgraph: the SELF owner rule on Rider.vouchers', () => {
  it("gives another rider's vouchers as null with FORBIDDEN at that path, the rest intact", async () => {
    const { status, body } = await entities([rider('r-0001'), rider('r-0002'), product('p-comfort')], { 'x-identity-token': await identityToken() });
    expect(status).toBe(200);
    expect(body.data?._entities).toEqual([
      { id: 'r-0001', vouchers: vouchersOf('r-0001') },
      { id: 'r-0002', vouchers: null },
      { id: 'p-comfort', promotion: promotionOf('p-comfort') },
    ]);
    expect(body.errors).toMatchObject([{ path: ['_entities', 1, 'vouchers'], extensions: { code: 'FORBIDDEN' } }]);
  });

  it.each([
    ['no token', async () => ({})],
    ['a token signed with another secret', async () => ({ 'x-identity-token': await identityToken({}, 'another-secret-of-enough-length-0123456789') })],
    ['a token for another subgraph', async () => ({ 'x-identity-token': await identityToken({ aud: 'catalog' }) })],
    ['a token from another issuer', async () => ({ 'x-identity-token': await identityToken({ iss: 'someone-else' }) })],
    ['an expired token', async () => ({ 'x-identity-token': await identityToken({ expSec: Math.floor(Date.now() / 1_000) - 120 }) })],
    ['garbage', async () => ({ 'x-identity-token': 'not.a.jwt' })],
  ])('with %s: vouchers null with UNAUTHENTICATED, public promotions still answered', async (_what, headers) => {
    const { status, body } = await entities([product('p-comfort'), rider('r-0001')], await headers());
    expect(status).toBe(200);
    expect(body.data?._entities).toEqual([{ id: 'p-comfort', promotion: promotionOf('p-comfort') }, { id: 'r-0001', vouchers: null }]);
    expect(body.errors).toMatchObject([{ path: ['_entities', 1, 'vouchers'], extensions: { code: 'UNAUTHENTICATED' } }]);
    expect(body.errors?.[0]?.message).toMatch(/^Sign in to see a rider's vouchers/);
  });
});

describe('promotions subgraph: stats and faults', () => {
  it('counts one POST as one request, however many entities it asks for; /healthz and /debug are not counted', async () => {
    counter.reset();
    const many = seed.riders.slice(0, 200).map((r) => rider(r.id));
    await entities([...many, ...seed.products.map((p) => product(p.id))], { 'x-identity-token': await identityToken() });
    await fetch(`${base}/healthz`);
    await fetch(`${base}/debug/last-requests`);
    expect(counter.value).toBe(1);
  });

  it('error: HTTP 500 with a GraphQL error body, counted; /healthz fails too', async () => {
    await applyFault(server, gate, { mode: 'error' });
    counter.reset();
    const { status, body } = await entities([product('p-comfort')]);
    expect(status).toBe(500);
    expect(body).toEqual({ errors: [{ message: 'injected fault: error', extensions: { code: 'INTERNAL' } }] });
    expect((await fetch(`${base}/healthz`)).status).toBe(500);
    expect(counter.value).toBe(1);
  });

  it('flaky at rate 1: HTTP 503 UNAVAILABLE (transient)', async () => {
    await applyFault(server, gate, { mode: 'flaky', rate: 1 });
    const { status, body } = await entities([product('p-comfort')]);
    expect(status).toBe(503);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
  });

  it('down: refuses connections (not counted), resets a call in flight; ok serves again on the same port', async () => {
    const port = server.port;
    await applyFault(server, gate, { mode: 'slow', latencyMs: 5_000 });
    const counted = counter.value;
    const inFlight = entities([product('p-comfort')]);
    await waitFor(() => counter.value > counted);
    await applyFault(server, gate, { mode: 'down' });
    await expect(inFlight).rejects.toThrow();
    const before = counter.value;
    await expect(entities([product('p-comfort')])).rejects.toThrow();
    expect(counter.value).toBe(before);
    await applyFault(server, gate, { mode: 'ok' });
    expect(server.port).toBe(port);
    expect((await entities([product('p-comfort')])).status).toBe(200);
  });

  it('slow: adds latencyMs before answering', async () => {
    await applyFault(server, gate, { mode: 'slow', latencyMs: 150 });
    const start = performance.now();
    expect((await entities([product('p-comfort')])).status).toBe(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
  });
});

describe('promotions subgraph: the caller deadline (x-request-deadline-ms)', () => {
  it('stops an injected delay at the deadline and answers 504 DEADLINE_EXCEEDED', async () => {
    await applyFault(server, gate, { mode: 'slow', latencyMs: 5_000 });
    const start = performance.now();
    const { status, body } = await entities([product('p-comfort')], { 'x-request-deadline-ms': '200' });
    expect(status).toBe(504);
    expect(body.errors?.[0]?.extensions?.code).toBe('DEADLINE_EXCEEDED');
    expect(performance.now() - start).toBeLessThan(2_000);
  });

  it('answers 504 to a call with no time left, and serves one with time to spare', async () => {
    expect((await entities([product('p-comfort')], { 'x-request-deadline-ms': '0' })).status).toBe(504);
    expect((await entities([product('p-comfort')], { 'x-request-deadline-ms': '800' })).status).toBe(200);
  });
});

describe('promotions subgraph: bad requests', () => {
  it.each([
    ['a body that is not JSON', '{"query": ', 400, 'BAD_REQUEST', /not valid JSON/],
    ['a body without query', { variables: {} }, 400, 'BAD_REQUEST', /"query" must be a non-empty string/],
    ['variables that are not an object', { query: '{ _service { sdl } }', variables: [1] }, 400, 'BAD_REQUEST', /"variables" must be an object/],
    ['a query that does not parse', { query: '{ _entities(' }, 400, 'GRAPHQL_PARSE_FAILED', /Syntax Error/],
    ['a query that does not validate', { query: '{ promotions }' }, 400, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "promotions"/],
    ['a required variable missing', { query: ENTITIES, variables: {} }, 400, 'BAD_USER_INPUT', /\$representations/],
  ])('%s: a 4xx with a JSON error and its code', async (_what, body, status, code, message) => {
    const answer = await post(body);
    expect(answer.status).toBe(status);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(answer.body.errors?.[0]?.message).toMatch(message);
  });

  it('a malformed deadline header: 400; GET: 405; another path: 404', async () => {
    expect((await entities([product('p-comfort')], { 'x-request-deadline-ms': 'soon' })).status).toBe(400);
    const get = await fetch(`${base}/graphql?query=%7B__typename%7D`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await fetch(`${base}/other`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('caches a query text once parsed and validated, and still executes each request afresh', async () => {
    const token = await identityToken();
    const first = await entities([rider('r-0001')], { 'x-identity-token': token });
    const second = await entities([rider('r-0002')], { 'x-identity-token': await identityToken({ sub: 'r-0002' }) });
    expect(first.body.data?._entities).toEqual([{ id: 'r-0001', vouchers: vouchersOf('r-0001') }]);
    expect(second.body.data?._entities).toEqual([{ id: 'r-0002', vouchers: vouchersOf('r-0002') }]);
  });
});

describe('promotions subgraph: recorded requests (demo mode)', () => {
  it('shows the last requests with their headers and what the identity token proves; DELETE forgets them', async () => {
    expect((await fetch(`${base}/debug/last-requests`, { method: 'DELETE' })).status).toBe(204);
    await entities([product('p-comfort')], { 'x-identity-token': await identityToken(), 'x-request-deadline-ms': '750', 'x-request-id': 'req-42' });
    await entities([product('p-comfort')]);
    const { requests } = (await (await fetch(`${base}/debug/last-requests`)).json()) as { requests: { headers: Record<string, string>; identity: unknown; query?: string; path: string }[] };
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({
      path: '/graphql',
      query: ENTITIES,
      headers: { 'x-request-deadline-ms': '750', 'x-request-id': 'req-42' },
      identity: { kind: 'signed-in', viewerId: 'r-0001', client: 'passenger', scopes: ['rides:request'] },
    });
    expect(requests[0]?.headers).not.toHaveProperty('authorization');
    expect(requests[1]?.identity).toEqual({ kind: 'anonymous' });
  });

  it('keeps only the newest requests, up to its capacity', async () => {
    for (let i = 0; i < 25; i++) await entities([product('p-comfort')], { 'x-request-id': `n-${i}` });
    const { requests } = (await (await fetch(`${base}/debug/last-requests`)).json()) as { requests: { headers: Record<string, string> }[] };
    expect(requests.map((r) => r.headers['x-request-id'])).toEqual(Array.from({ length: 20 }, (_, i) => `n-${i + 5}`));
  });
});
