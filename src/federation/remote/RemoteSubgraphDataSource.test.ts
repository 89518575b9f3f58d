/**
 * A plan that crosses from an in-process subgraph into a remote one over real HTTP on loopback,
 * through @apollo/gateway: a remote failure of every kind costs only the remote fields, each error
 * at its own path (list indices included), EMPTY fallbacks answered by the gateway, the request's
 * fault passed through; what the remote receives (deadline, request id, identity, no Authorization).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, GraphQLError, parse, type DocumentNode } from 'graphql';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IdentityTokens } from '../../auth/index.ts';
import { Discovery, InstanceStore, RoundRobinPicker } from '../../registry/index.ts';
import { ServicePipeline, stripFallbacks } from '../../resilience/index.ts';
import { createRestAgent, GraphQLClient } from '../../transport/index.ts';
import { LocalSubgraphDataSource } from '../LocalSubgraphDataSource.ts';
import { loopbackDeadline, loopbackPolicy } from '../../../test/harness/loopbackPolicy.ts';
import { RemoteFallbacks } from './RemoteFallbacks.ts';
import { RemoteSubgraphDataSource, type RemoteFetchContext } from './RemoteSubgraphDataSource.ts';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const catalogSdl = `${link}
type Query { products: [Product!]! }
type Product @key(fields: "id") { id: ID! name: String! }`;
const offersSdl = `${link}
directive @fallback(kind: FallbackKind!, maxAgeSeconds: Int) on FIELD_DEFINITION
enum FallbackKind { CACHE DEFAULT EMPTY NULL }
type Query { offerOf(code: String!): String }
type Product @key(fields: "id") { id: ID! promo: String @fallback(kind: NULL) tags: [String!] @fallback(kind: EMPTY) }`;

const secret = 'test-identity-secret-0123456789abcdef';
const policy = loopbackPolicy({ attemptCapMs: 600 });

/** How the remote answers the next requests. */
type Mode = 'ok' | 'error500' | 'notJson' | 'wrongShape' | 'tooLarge' | 'silent' | 'fieldError';

let mode: Mode = 'ok';
const received: IncomingHttpHeaders[] = [];
const bodies: string[] = [];
let remote: Server;
let server: ApolloServer<RemoteFetchContext>;
const agent = createRestAgent();

const offersFallbacks = RemoteFallbacks.fromSdl('offers', offersSdl);
const offersSchema = buildSubgraphSchema({
  typeDefs: stripFallbacks(parse(offersSdl)),
  resolvers: {
    Query: { offerOf: (_: unknown, { code }: { code: string }) => { if (code === '') throw new GraphQLError('code must not be empty', { extensions: { code: 'BAD_USER_INPUT' } }); return code; } },
    Product: {
      __resolveReference: (ref: { id: string }) => ref,
      promo: ({ id }: { id: string }) => {
        if (mode === 'fieldError' && id === 'p2') throw new Error('promo store hiccup');
        return `PROMO-${id}`;
      },
      tags: ({ id }: { id: string }) => {
        if (mode === 'fieldError' && id === 'p2') throw new Error('tags store hiccup');
        return [id];
      },
    },
  },
});

beforeAll(async () => {
  remote = createServer((req, res) => {
    received.push(req.headers);
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', async () => {
      bodies.push(text);
      if (mode === 'silent') return;
      if (mode === 'error500') return res.writeHead(500).end('boom');
      if (mode === 'notJson') return res.writeHead(200, { 'content-type': 'application/json' }).end('<html>');
      if (mode === 'wrongShape') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": [1, 2]}');
      if (mode === 'tooLarge') return res.writeHead(200, { 'content-type': 'application/json' }).end(`{"data": {"x": "${'x'.repeat(20_000)}"}}`);
      const { query, variables } = JSON.parse(text) as { query: string; variables?: Record<string, unknown> };
      const result = await execute({ schema: offersSchema, document: parse(query), variableValues: variables });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    });
  });
  await new Promise<void>((resolve) => remote.listen(0, '127.0.0.1', resolve));
  const store = new InstanceStore();
  store.register({ service: 'offers', id: 'offers-1', address: `127.0.0.1:${(remote.address() as AddressInfo).port}`, protocol: 'graphql', metadata: { path: '/graphql' } });
  const discovery = new Discovery(store, { createPicker: () => new RoundRobinPicker() });
  const pipeline = new ServicePipeline({
    transport: new GraphQLClient({ service: 'offers', dispatcher: agent, maxResponseBytes: 10_000 }),
    discovery,
    policy,
    deadline: loopbackDeadline,
    onBreakerState: () => undefined,
  });
  const identity = await IdentityTokens.fromConfig({ issuer: 'ride-gateway', ttlSec: 60, signingKeyFile: undefined, secret });
  const offers = new RemoteSubgraphDataSource({ subgraph: 'offers', client: pipeline, fallbacks: () => offersFallbacks, identity, forwardHeaders: ['accept-language'] });
  const catalogSchema = buildSubgraphSchema({
    typeDefs: parse(catalogSdl),
    resolvers: { Query: { products: () => ['p1', 'p2', 'p3'].map((id) => ({ id, name: `Product ${id}` })) } },
  });
  const composed = composeServices([
    { name: 'catalog', url: 'local://catalog', typeDefs: parse(catalogSdl) },
    { name: 'offers', url: 'http://offers', typeDefs: stripFallbacks(parse(offersSdl)) },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
  const gateway = new ApolloGateway({
    supergraphSdl: composed.supergraphSdl,
    queryPlannerConfig: { exposeDocumentNodeInFetchNode: true },
    buildService: ({ name }) => (name === 'offers' ? offers : new LocalSubgraphDataSource(catalogSchema)),
  });
  server = new ApolloServer<RemoteFetchContext>({ gateway });
  await server.start();
});

afterAll(async () => {
  await server.stop();
  remote.closeAllConnections();
  await new Promise((resolve) => remote.close(resolve));
  await agent.close();
});

beforeEach(() => {
  mode = 'ok';
  received.length = 0;
  bodies.length = 0;
});

const query = parse('{ products { id name promo tags } }');

async function run(document: DocumentNode = query, deadlineMs = 1_000, variables?: Record<string, unknown>) {
  const controller = new AbortController();
  const response = await server.executeOperation(
    { query: document, ...(variables ? { variables } : {}) },
    {
      contextValue: {
        viewer: { id: 'r-0001', client: 'passenger', scopes: new Set(['rides:request']) },
        deadline: Date.now() + deadlineMs,
        signal: controller.signal,
        requestId: 'req-123456789',
        headers: { authorization: 'Bearer client-token', 'accept-language': 'pt-PT', cookie: 'secret=1' },
      },
    },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

const names = [{ id: 'p1', name: 'Product p1' }, { id: 'p2', name: 'Product p2' }, { id: 'p3', name: 'Product p3' }];

describe('RemoteSubgraphDataSource through @apollo/gateway', () => {
  it('merges the remote fields of every item from one batched _entities fetch', async () => {
    const result = await run();
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ products: names.map((p) => ({ ...p, promo: `PROMO-${p.id}`, tags: [p.id] })) });
    expect(bodies).toHaveLength(1);
    expect(JSON.parse(bodies[0] ?? '{}').variables.representations).toHaveLength(3);
  });

  it('sends the deadline, the request id, a verifiable identity token for this subgraph and listed headers only', async () => {
    await run();
    const headers = received[0] ?? {};
    expect(Number(headers['x-request-deadline-ms'])).toBeGreaterThan(0);
    expect(Number(headers['x-request-deadline-ms'])).toBeLessThanOrEqual(1_000);
    expect(headers['x-request-id']).toBe('req-123456789');
    expect(headers['accept-language']).toBe('pt-PT');
    expect(headers.authorization).toBeUndefined();
    expect(headers.cookie).toBeUndefined();
    const token = String(headers['x-identity-token']);
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { audience: 'offers', issuer: 'ride-gateway', algorithms: ['HS256'] });
    expect(payload).toMatchObject({ sub: 'r-0001', client: 'passenger', scope: 'rides:request' });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBeLessThanOrEqual(60);
    // A token for this subgraph is refused by any other.
    await expect(jwtVerify(token, new TextEncoder().encode(secret), { audience: 'promotions' })).rejects.toThrow();
  });

  it.each([
    ['error500', 'UPSTREAM_ERROR'],
    ['notJson', 'UPSTREAM_ERROR'],
    ['wrongShape', 'UPSTREAM_ERROR'],
    ['tooLarge', 'UPSTREAM_ERROR'],
    ['silent', 'DEADLINE_EXCEEDED'],
  ] as const)('a remote that answers %s costs only its fields: null (NULL) or [] (EMPTY), each at its path', async (failure, code) => {
    mode = failure;
    const started = Date.now();
    const result = await run(query, 1_000);
    expect(Date.now() - started).toBeLessThan(1_000 + 500);
    expect(result.data).toEqual({ products: names.map((p) => ({ ...p, promo: null, tags: [] })) });
    const errors = (result.errors ?? []).filter((error) => error.extensions?.code !== 'DEGRADED');
    expect(errors.map((error) => error.path)).toEqual([0, 1, 2].map((index) => ['products', index, 'promo']));
    expect(errors.every((error) => error.extensions?.code === code && error.extensions?.service === 'offers')).toBe(true);
    const markers = (result.errors ?? []).filter((error) => error.extensions?.code === 'DEGRADED');
    expect(markers.map((error) => error.path)).toEqual([0, 1, 2].map((index) => ['products', index, 'tags']));
  });

  it("relays a remote's field errors at their paths as UPSTREAM_ERROR, without its internals, and applies EMPTY", async () => {
    mode = 'fieldError';
    const result = await run();
    expect(result.data).toEqual({
      products: [
        { id: 'p1', name: 'Product p1', promo: 'PROMO-p1', tags: ['p1'] },
        { id: 'p2', name: 'Product p2', promo: null, tags: [] },
        { id: 'p3', name: 'Product p3', promo: 'PROMO-p3', tags: ['p3'] },
      ],
    });
    const promoError = result.errors?.find((error) => error.path?.join('.') === 'products.1.promo');
    // The gateway adds serviceName itself (the edge's error formatter keeps only the contract's fields); no stack trace or exception passes.
    expect(promoError?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', service: 'offers' });
    expect(Object.keys(promoError?.extensions ?? {}).sort()).toEqual(['code', 'service', 'serviceName']);
    expect(result.errors?.find((error) => error.path?.join('.') === 'products.1.tags')?.extensions?.code).toBe('DEGRADED');
  });

  it("passes the request's own fault through with its code", async () => {
    const result = await run(parse('{ offerOf(code: "") }'));
    expect(result.data).toEqual({ offerOf: null });
    expect(result.errors?.[0]).toMatchObject({ path: ['offerOf'], extensions: { code: 'BAD_USER_INPUT', service: 'offers' } });
  });
});

describe('RemoteSubgraphDataSource retries', () => {
  /** A data source over two instances of `offers`, the first of which refuses connections. */
  async function overDeadThenLive() {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const dead = `127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise((resolve) => probe.close(resolve));
    const store = new InstanceStore();
    store.register({ service: 'offers', id: 'offers-dead', address: dead, protocol: 'graphql' });
    store.register({ service: 'offers', id: 'offers-live', address: `127.0.0.1:${(remote.address() as AddressInfo).port}`, protocol: 'graphql' });
    const discovery = new Discovery(store, { createPicker: () => new RoundRobinPicker() });
    const client = new ServicePipeline({ transport: new GraphQLClient({ service: 'offers', dispatcher: agent }), discovery, policy, deadline: loopbackDeadline, onBreakerState: () => undefined });
    return new RemoteSubgraphDataSource({ subgraph: 'offers', client });
  }
  const context = () => ({ viewer: null, deadline: Date.now() + 1_000, signal: new AbortController().signal, requestId: 'req-retries-1', headers: {} });

  it('retries a query fetch on another instance after a refused connection', async () => {
    const source = await overDeadThenLive();
    const result = await source.process({ kind: 'INCOMING_OPERATION' as never, request: { query: '{ offerOf(code: "A") }' }, context: context() } as never);
    expect(result).toEqual({ data: { offerOf: 'A' } });
  });

  it('never retries a mutation fetch', async () => {
    const source = await overDeadThenLive();
    const result = await source.process({ kind: 'INCOMING_OPERATION' as never, request: { query: 'mutation { redeem }' }, context: context() } as never);
    expect(bodies).toHaveLength(0);
    expect(result.data).toEqual({ redeem: null });
    expect(result.errors?.[0]).toMatchObject({ path: ['redeem'], extensions: { code: 'SERVICE_UNAVAILABLE', service: 'offers' } });
  });
});
