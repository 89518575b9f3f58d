/**
 * Documents an attacker sends, each valid in the client's schema and under the 100 KB body limit
 * (so the limit under test is reached, not the body limit), with the refusal code the gateway must
 * answer. Shared by the hostile-input tests and the benchmark's refusal timings.
 */
export interface HostileDocument {
  readonly name: string;
  readonly client: 'passenger' | 'driver' | 'web';
  /** Sent without a token (web) instead of with the client's demo token. */
  readonly anonymous: boolean;
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly code: string;
}

const range = (count: number) => Array.from({ length: count }, (_, index) => index);

/** `levels` fragments, each spreading the next twice under two aliased fields: 2^levels field instances, nested `levels` deep. */
function deepFragmentBomb(levels: number): string {
  const fragments = range(levels)
    .map((i) => `fragment F${i} on Product { a${i}: recommendations(first: 2) { ...F${i + 1} } b${i}: recommendations(first: 2) { ...F${i + 1} } }`)
    .join('\n');
  return `{ products { ...F0 } }\n${fragments}\nfragment F${levels} on Product { id }`;
}

/** `levels` fragments, each spreading the next twice, ending in two aliased fields: 2^levels aliases at one level. */
function wideFragmentBomb(levels: number): string {
  const fragments = range(levels)
    .map((i) => `fragment F${i} on Product { ...F${i + 1} ...F${i + 1} }`)
    .join('\n');
  return `{ products { ...F0 } }\n${fragments}\nfragment F${levels} on Product { a: id b: name }`;
}

/** A fragment with `perFragment` directives spread `spreads` times: directives multiply without tokens. */
function directiveSpread(perFragment: number, spreads: number): string {
  const directives = range(perFragment).map(() => '@include(if: true)').join(' ');
  const aliases = range(spreads).map((i) => `p${i}: product(id: "p-comfort") { ...D }`).join(' ');
  return `{ ${aliases} }\nfragment D on Product { id ${directives} }`;
}

export const hostileDocuments: readonly HostileDocument[] = [
  {
    name: 'nested recommendations, anonymous (50 × 50 × 50)',
    client: 'web',
    anonymous: true,
    query: '{ products { recommendations(first: 50) { recommendations(first: 50) { reviews(first: 50) { rating text author { name } } } } } }',
    variables: {},
    code: 'COST_LIMIT_EXCEEDED',
  },
  {
    name: 'nested recommendations through variables',
    client: 'web',
    anonymous: true,
    query: 'query($n: Int!) { products { recommendations(first: $n) { recommendations(first: $n) { id name } } } }',
    variables: { n: 50 },
    code: 'COST_LIMIT_EXCEEDED',
  },
  {
    name: "a rider's trips through their trips' riders",
    client: 'passenger',
    anonymous: false,
    query: '{ me { recentTrips(first: 200) { rider { recentTrips(first: 200) { id status } } } } }',
    variables: {},
    code: 'COST_LIMIT_EXCEEDED',
  },
  {
    name: 'a slicing argument of a million',
    client: 'passenger',
    anonymous: false,
    query: 'query($first: Int!) { me { recentTrips(first: $first) { id } } }',
    variables: { first: 1_000_000 },
    code: 'COST_LIMIT_EXCEEDED',
  },
  {
    name: 'depth 12',
    client: 'web',
    anonymous: true,
    query: `{ product(id: "p-comfort") { ${'recommendations(first: 1) { '.repeat(11)}id${' }'.repeat(11)} } }`,
    variables: {},
    code: 'DEPTH_LIMIT_EXCEEDED',
  },
  {
    name: '16 aliases',
    client: 'web',
    anonymous: true,
    query: `{ ${range(16)
      .map((i) => `p${i}: product(id: "p-comfort") { id }`)
      .join(' ')} }`,
    variables: {},
    code: 'ALIAS_LIMIT_EXCEEDED',
  },
  {
    name: 'thousands of aliases, flat',
    client: 'web',
    anonymous: true,
    query: `{ ${range(5_000)
      .map((i) => `a${i}: __typename`)
      .join(' ')} }`,
    variables: {},
    code: 'TOKEN_LIMIT_EXCEEDED',
  },
  {
    name: 'a fragment spread bomb with aliased fields (2^31 aliases)',
    client: 'web',
    anonymous: true,
    query: wideFragmentBomb(30),
    variables: {},
    code: 'ALIAS_LIMIT_EXCEEDED',
  },
  {
    name: 'a fragment bomb nesting aliased lists 30 deep',
    client: 'web',
    anonymous: true,
    query: deepFragmentBomb(30),
    variables: {},
    code: 'DEPTH_LIMIT_EXCEEDED',
  },
  {
    name: 'thousands of directives, flat',
    client: 'web',
    anonymous: true,
    query: `{ products { id ${range(2_000)
      .map(() => '@include(if: true)')
      .join(' ')} } }`,
    variables: {},
    code: 'TOKEN_LIMIT_EXCEEDED',
  },
  {
    name: 'directives multiplied through a fragment',
    client: 'web',
    anonymous: true,
    query: directiveSpread(20, 10),
    variables: {},
    code: 'DIRECTIVE_LIMIT_EXCEEDED',
  },
  {
    name: 'directives through fragments spread under one field',
    client: 'web',
    anonymous: true,
    query: `{ product(id: "p-comfort") { ...D ...E } }\nfragment D on Product { id ${range(30)
      .map(() => '@include(if: true)')
      .join(' ')} } fragment E on Product { name ${range(30)
      .map(() => '@skip(if: false)')
      .join(' ')} }`,
    variables: {},
    code: 'DIRECTIVE_LIMIT_EXCEEDED',
  },
  {
    name: 'tens of thousands of tokens',
    client: 'passenger',
    anonymous: false,
    query: `{ products { ${'id '.repeat(30_000)}} }`,
    variables: {},
    code: 'TOKEN_LIMIT_EXCEEDED',
  },
  {
    name: 'deep introspection',
    client: 'web',
    anonymous: true,
    query: '{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }',
    variables: {},
    code: 'INTROSPECTION_DEPTH_EXCEEDED',
  },
  {
    name: 'many root fields',
    client: 'web',
    anonymous: true,
    query: `{ ${range(11)
      .map((i) => `r${i}: products { id }`)
      .join(' ')} }`,
    variables: {},
    code: 'ROOT_FIELD_LIMIT_EXCEEDED',
  },
  {
    name: 'a 20 KB id',
    client: 'web',
    anonymous: true,
    query: 'query($id: ID!) { product(id: $id) { id name } }',
    variables: { id: 'p'.repeat(20_000) },
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'coordinates off the Earth',
    client: 'passenger',
    anonymous: false,
    query: '{ nearbyDrivers(lat: 1000, lng: 0) { id } }',
    variables: {},
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a document that does not parse',
    client: 'web',
    anonymous: true,
    query: `{ products { id ${'{'.repeat(500)}`,
    variables: {},
    code: 'GRAPHQL_PARSE_FAILED',
  },
];
