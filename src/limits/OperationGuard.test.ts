import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { OperationLimits } from '../config/index.ts';
import { costDirectivesSdl } from './costDirectives.ts';
import { CostModel } from './CostModel.ts';
import { OperationGuard } from './OperationGuard.ts';

const sdl = `${costDirectivesSdl}
type Query {
  products: [Product!] @listSize(assumedSize: 20)
  product(id: ID!): Product
  near(lat: Float!, lng: Float!, first: Int! = 5): [Product!] @listSize(slicingArguments: ["first"])
  __placeholder: Int
}
type Mutation { book(productId: ID!, at: Point!): Product }
input Point { lat: Float! lng: Float! }
type Product {
  id: ID!
  name: String!
  related(first: Int! = 10): [Product!] @listSize(slicingArguments: ["first"])
  reviews(first: Int! = 5): [Review!] @listSize(slicingArguments: ["first"])
  heavy: Review @cost(weight: 7)
}
type Review { text: String! author: Product }`;

const limits: OperationLimits = {
  maxTokens: 1_000,
  maxDepth: 8,
  maxAliases: 15,
  maxDirectives: 50,
  maxRootFields: 10,
  maxSelectionFields: 50,
  maxIntrospectionDepth: 3,
  maxCost: 5_000,
  maxResponseBytes: 1_000_000,
};

const schema = buildSchema(sdl.replace('__placeholder: Int', ''));
const guard = (overrides: Partial<OperationLimits> = {}) =>
  new OperationGuard({ schema, costModel: new CostModel([parse(sdl)]), limits: { ...limits, ...overrides }, maxIdLength: 64 });
const check = (query: string, variables: Record<string, unknown> = {}, g = guard()) => g.check({ query, variables, operationName: undefined });
const refusal = (query: string, variables: Record<string, unknown> = {}, g = guard()) => {
  try {
    check(query, variables, g);
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
  return undefined;
};

describe('OperationGuard', () => {
  it('estimates IBM costs: objects 1, scalars 0, lists multiplied by their slicing argument or assumed size, mutations 10', () => {
    expect(check('{ products { id name } }').estimatedCost).toBe(20);
    expect(check('{ products { related(first: 3) { id } } }').estimatedCost).toBe(20 * (1 + 3));
    expect(check('query($n: Int!) { products { related(first: $n) { heavy { text } } } }', { n: 4 }).estimatedCost).toBe(20 * (1 + 4 * (1 + 7)));
    expect(check('{ product(id: "p-1") { related { id } } }').estimatedCost).toBe(1 + 10);
    expect(check('mutation { book(productId: "p-1", at: { lat: 1, lng: 2 }) { id } }').estimatedCost).toBe(10);
    expect(check('fragment F on Product { reviews(first: 2) { text } } { products { ...F ...F } }').estimatedCost).toBe(20 * (1 + 4));
  });

  it('refuses nested lists whose sizes multiply past the limit, naming the cost and the limit', () => {
    expect(refusal('{ products { related(first: 50) { related(first: 50) { id } } } }')).toEqual({
      code: 'COST_LIMIT_EXCEEDED',
      message: expect.stringMatching(/estimated cost is 51020; the limit is 5000/),
    });
    expect(refusal('query($n: Int!) { products { related(first: $n) { id } } }', { n: 1_000_000 })?.code).toBe('COST_LIMIT_EXCEEDED');
  });

  it('costs a fragment bomb in linear time and refuses it', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Product { related(first: 2) { ...F${i + 1} } reviews(first: 2) { author { ...F${i + 1} } } }`).join('\n');
    const started = performance.now();
    const result = refusal(`{ products { ...F0 } } ${fragments} fragment F${levels} on Product { id }`, {}, guard({ maxTokens: 10_000, maxDepth: 1_000 }));
    expect(result?.code).toBe('COST_LIMIT_EXCEEDED');
    // Not a timing window: 2^40 expansions would take hours, the memoised walk takes milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses each shape limit with its own code', () => {
    expect(refusal(`{ ${'products { related { '.repeat(9)}id${' }'.repeat(18)} }`)?.code).toBe('DEPTH_LIMIT_EXCEEDED');
    expect(refusal(`{ ${Array.from({ length: 16 }, (_, i) => `a${i}: product(id: "p") { id }`).join(' ')} }`)?.code).toBe('ALIAS_LIMIT_EXCEEDED');
    expect(refusal(`{ products { id ${'@include(if: true) '.repeat(51)} } }`)?.code).toBe('DIRECTIVE_LIMIT_EXCEEDED');
    expect(refusal(`{ ${'__typename '.repeat(1_001)} }`)?.code).toBe('TOKEN_LIMIT_EXCEEDED');
    expect(refusal('{ products { id } ')?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(refusal(`{ ${Array.from({ length: 11 }, (_, i) => `r${i}: products { id }`).join(' ')} }`, {}, guard({ maxAliases: 100 }))?.code).toBe('ROOT_FIELD_LIMIT_EXCEEDED');
    expect(refusal(`{ products { ${Array.from({ length: 51 }, (_, i) => `f${i}: id`).join(' ')} } }`, {}, guard({ maxAliases: 100 }))?.code).toBe('SELECTION_LIMIT_EXCEEDED');
    expect(refusal('{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }')?.code).toBe('INTROSPECTION_DEPTH_EXCEEDED');
  });

  it('lets GraphiQL’s own introspection query through', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
    expect(() => check(query, {}, guard({ maxTokens: 2_000 }))).not.toThrow();
  });

  it('bounds ids and coordinates in literals, variables and input objects', () => {
    expect(refusal(`{ product(id: "${'a'.repeat(20_000)}") { id } }`)).toEqual({ code: 'BAD_USER_INPUT', message: 'product(id:) is 20000 characters long; an id is at most 64.' });
    expect(refusal('query($id: ID!) { product(id: $id) { id } }', { id: 'p 1; drop' })?.code).toBe('BAD_USER_INPUT');
    expect(refusal('{ near(lat: 91, lng: 0) { id } }')?.message).toBe('near(lat:) must be between -90 and 90 degrees.');
    expect(refusal('mutation($at: Point!) { book(productId: "p-1", at: $at) { id } }', { at: { lat: 0, lng: -181 } })?.message).toBe(
      'book(at:).lng must be between -180 and 180 degrees.',
    );
    expect(refusal('query($id: ID!) { product(id: $id) { id } }', { id: 'p-comfort' })).toBeUndefined();
  });

  it('remembers refusals by document text and reports root fields and coordinates', () => {
    const g = guard();
    const bomb = `{ ${'__typename '.repeat(1_001)} }`;
    expect(refusal(bomb, {}, g)?.code).toBe('TOKEN_LIMIT_EXCEEDED');
    expect(refusal(bomb, {}, g)?.code).toBe('TOKEN_LIMIT_EXCEEDED');
    const guarded = check('fragment F on Query { products { heavy { text } } } { ...F product(id: "p") { id } }', {}, g);
    expect(guarded.rootFields).toEqual(expect.arrayContaining(['products', 'product']));
    expect([...guarded.coordinates].sort()).toEqual(['Product.heavy', 'Product.id', 'Query.product', 'Query.products', 'Review.text']);
    expect(guarded.operationType).toBe('query');
  });
});
