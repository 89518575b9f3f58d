import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { accounts, inventory, products, reviews, type ReviewRecord } from './fixtures.ts';

/**
 * The public gateways benchmark's four subgraphs (graphql-hive/graphql-gateways-benchmark:
 * `accounts`, `inventory`, `products`, `reviews`) in Federation 2 SDL, with the same types,
 * fields, keys, `@requires` and `@provides` as its Rust subgraphs, and resolvers over the same
 * static records (fixtures.ts), answering what they answer.
 */
export const gatewaysBenchmarkSubgraphNames = ['accounts', 'inventory', 'products', 'reviews'] as const;
export type GatewaysBenchmarkSubgraphName = (typeof gatewaysBenchmarkSubgraphNames)[number];

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides"])';

/** Each subgraph's SDL. */
export const gatewaysBenchmarkSdl: Readonly<Record<GatewaysBenchmarkSubgraphName, string>> = {
  accounts: `${link}
type Query {
  me: User
  user(id: ID!): User
  users: [User]
}
type User @key(fields: "id") {
  id: ID!
  name: String
  # Shareable: the reviews subgraph provides it on a review's author (Federation 2 wants that said).
  username: String @shareable
  birthday: Int
}`,
  inventory: `${link}
type Product @key(fields: "upc") {
  upc: String!
  weight: Int @external
  price: Int @external
  inStock: Boolean
  shippingEstimate: Int @requires(fields: "price weight")
}`,
  products: `${link}
type Query {
  topProducts(first: Int = 5): [Product]
}
type Product @key(fields: "upc") {
  upc: String!
  name: String
  price: Int
  weight: Int
}`,
  reviews: `${link}
type Review @key(fields: "id") {
  id: ID!
  body: String
  product: Product
  author: User @provides(fields: "username")
}
type User @key(fields: "id") {
  id: ID!
  username: String @external
  reviews: [Review]
}
type Product @key(fields: "upc") {
  upc: String!
  reviews: [Review]
}`,
};

/** The resolver map `buildSubgraphSchema` takes. */
type SubgraphResolverMap = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { resolvers?: unknown }>['resolvers']>;

/** A product as the inventory subgraph holds it: its own record, no price or weight (see shippingEstimate). */
interface InventoryProduct {
  readonly upc: string;
  readonly inStock: boolean;
  readonly price: number | null;
  readonly weight: number | null;
}

/** The user every review is written by, as the reviews subgraph answers it (username provided). */
const reviewAuthor = { id: '1', username: 'urigo' };

const resolvers: Readonly<Record<GatewaysBenchmarkSubgraphName, SubgraphResolverMap>> = {
  accounts: {
    Query: {
      me: () => accounts[0],
      user: (_: unknown, { id }: { id: string }) => accounts.find((user) => user.id === id) ?? null,
      users: () => accounts,
    },
    User: {
      __resolveReference: ({ id }: { id: string }) => accounts.find((user) => user.id === id) ?? null,
    },
  },
  inventory: {
    Product: {
      // As the benchmark's Rust subgraph does: the entity is looked up by upc alone, and its own
      // record has no price or weight, so the gateway sends them (`@requires`) but shippingEstimate
      // answers null, as the benchmark's published expected answer shows.
      __resolveReference: ({ upc }: { upc: string }): InventoryProduct | null => {
        const record = inventory.find((product) => product.upc === upc);
        return record ? { upc: record.upc, inStock: record.inStock, price: null, weight: null } : null;
      },
      shippingEstimate: ({ price, weight }: InventoryProduct): number | null => {
        if (price === null) return null;
        if (price > 1000) return 0;
        return weight === null ? null : Math.trunc(weight / 2);
      },
    },
  },
  products: {
    Query: {
      topProducts: (_: unknown, { first }: { first?: number | null }) => products.slice(0, first ?? 5),
    },
    Product: {
      __resolveReference: ({ upc }: { upc: string }) => products.find((product) => product.upc === upc) ?? null,
    },
  },
  reviews: {
    Review: {
      __resolveReference: ({ id }: { id: string }) => reviews.find((review) => review.id === id) ?? null,
      product: (review: ReviewRecord) => ({ upc: review.upc }),
      author: () => reviewAuthor,
    },
    User: {
      __resolveReference: ({ id }: { id: string }) => ({ id, username: 'user' }),
      // Every user has the first two reviews, as in the benchmark.
      reviews: () => reviews.slice(0, 2),
    },
    Product: {
      __resolveReference: ({ upc }: { upc: string }) => ({ upc }),
      reviews: ({ upc }: { upc: string }) => reviews.filter((review) => review.upc === upc),
    },
  },
};

/** One subgraph's executable schema. */
export function buildGatewaysBenchmarkSchema(name: GatewaysBenchmarkSubgraphName): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: parse(gatewaysBenchmarkSdl[name]), resolvers: resolvers[name] });
}
