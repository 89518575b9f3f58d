import { buildSchema, execute, parse, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../errors/index.ts';
import { applyFallbacks, type FallbackProviders } from './applyFallbacks.ts';
import { assertFallbacks, checkFallbacks } from './checkFallbacks.ts';
import { DegradationSink } from '../../degraded/index.ts';
import { fallbackDirectiveSdl } from './fallbackDirective.ts';
import { stripFallbacks } from './stripFallbacks.ts';

const sdl = `${fallbackDirectiveSdl}
type Query { products: [Product] }
type Product {
  id: ID!
  price: Price @fallback(kind: CACHE, maxAgeSeconds: 60)
  reviews: [String!] @fallback(kind: EMPTY)
  top: [ID!] @fallback(kind: DEFAULT)
  owner: String @fallback(kind: NULL)
  plain: String
}
type Price { amount: Float! stale: Boolean! }`;

const down = () => new GatewayError('SERVICE_UNAVAILABLE', 'pricing is unavailable.', { service: 'pricing' });

function schemaWith(resolve: (field: string, id: string) => unknown, providers: FallbackProviders<{ cached: Map<string, unknown> }>): GraphQLSchema {
  const schema = buildSchema(sdl);
  const product = schema.getType('Product') as import('graphql').GraphQLObjectType;
  for (const [name, field] of Object.entries(product.getFields())) {
    if (name !== 'id') field.resolve = (source: { id: string }) => resolve(name, source.id);
  }
  (schema.getQueryType()!.getFields().products!).resolve = () => [{ id: 'a' }, { id: 'b' }];
  return applyFallbacks(schema, providers);
}

async function run(schema: GraphQLSchema, query: string, cached = new Map<string, unknown>()) {
  const sink = new DegradationSink();
  const result = await execute({ schema, document: parse(query), rootValue: sink, contextValue: { cached } });
  return { result, degraded: sink.errors().map((error) => ({ path: error.path, ...(error.extensions.degraded as object) })) };
}

const providers: FallbackProviders<{ cached: Map<string, unknown> }> = {
  'Product.price': ({ source, context }) => context.cached.get((source as { id: string }).id),
  'Product.top': () => ['x', 'y'],
};

describe('applyFallbacks', () => {
  it('answers each kind on an upstream failure and reports every field instance with its path', async () => {
    const schema = schemaWith(async () => {
      throw down();
    }, providers);
    const { result, degraded } = await run(schema, '{ products { id price { amount stale } reviews top owner } }', new Map([['b', { amount: 9, stale: true }]]));
    expect(result.data).toEqual({
      products: [
        { id: 'a', price: null, reviews: [], top: ['x', 'y'], owner: null },
        { id: 'b', price: { amount: 9, stale: true }, reviews: [], top: ['x', 'y'], owner: null },
      ],
    });
    // NULL and a CACHE miss keep the upstream error, with its code.
    expect(result.errors?.map((error) => [error.path, (error.originalError as GatewayError).code]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      [['products', 0, 'owner'], 'SERVICE_UNAVAILABLE'],
      [['products', 0, 'price'], 'SERVICE_UNAVAILABLE'],
      [['products', 1, 'owner'], 'SERVICE_UNAVAILABLE'],
    ]);
    expect(degraded).toEqual(
      expect.arrayContaining([
        { path: ['products', 0, 'price'], service: 'pricing', reason: 'SERVICE_UNAVAILABLE', fallback: 'null' },
        { path: ['products', 1, 'price'], service: 'pricing', reason: 'SERVICE_UNAVAILABLE', fallback: 'cache' },
        { path: ['products', 0, 'reviews'], service: 'pricing', reason: 'SERVICE_UNAVAILABLE', fallback: 'empty' },
        { path: ['products', 1, 'top'], service: 'pricing', reason: 'SERVICE_UNAVAILABLE', fallback: 'default' },
        { path: ['products', 1, 'owner'], service: 'pricing', reason: 'SERVICE_UNAVAILABLE', fallback: 'null' },
      ]),
    );
    expect(degraded).toHaveLength(8);
  });

  it('lets fresh answers and errors that are not upstream failures through untouched (sync throws too)', async () => {
    const fresh = await run(schemaWith((field) => (field === 'price' ? { amount: 1, stale: false } : field === 'owner' ? 'ana' : []), providers), '{ products { price { amount } owner } }');
    expect(fresh.result.errors).toBeUndefined();
    expect(fresh.degraded).toEqual([]);
    const bad = await run(
      schemaWith(() => {
        throw new GatewayError('BAD_REQUEST', 'nope');
      }, providers),
      '{ products { reviews } }',
    );
    expect(bad.result.data).toEqual({ products: [{ reviews: null }, { reviews: null }] });
    expect(bad.degraded).toEqual([]);
  });

  it('refuses a fallback on a non-null field, and providers that do not match, naming Type.field', () => {
    const nonNull = buildSchema(`${fallbackDirectiveSdl}\ntype Query { me: String! @fallback(kind: NULL) }`);
    expect(() => applyFallbacks(nonNull)).toThrow(/Query\.me: .*non-null/);
    expect(() => applyFallbacks(buildSchema(sdl), { 'Product.top': () => [] })).toThrow(/Product\.price: .*needs a provider/);
    expect(() => applyFallbacks(buildSchema(sdl), { ...providers, 'Product.plain': () => 'x' })).toThrow(/Product\.plain/);
  });
});

describe('checkFallbacks (composition and publish checks)', () => {
  it('names every misdeclared field', () => {
    const problems = checkFallbacks(
      parse(`${fallbackDirectiveSdl}
type Product { id: ID! @fallback(kind: NULL) name: String @fallback(kind: EMPTY) price: Int @fallback(kind: CACHE) }`),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^Product\.id: .*non-null field \(ID!\)/),
      expect.stringMatching(/^Product\.name: .*EMPTY\) needs a list/),
      expect.stringMatching(/^Product\.price: .*needs maxAgeSeconds/),
    ]);
    expect(() => assertFallbacks('catalog', parse('type Query { me: String @fallback(kind: NULL) }'))).toThrow(/"catalog".*\n- @fallback is used but not defined/);
    expect(checkFallbacks(parse(sdl))).toEqual([]);
  });

  it('strips the directive and its enum for composition', () => {
    const stripped = stripFallbacks(parse(sdl));
    const text = JSON.stringify(stripped);
    expect(text).not.toMatch(/fallback|FallbackKind/i);
  });
});
