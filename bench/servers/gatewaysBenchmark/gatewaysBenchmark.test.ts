import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeGatewaysBenchmark, gatewaysBenchmarkUrls } from './composeGatewaysBenchmark.ts';
import { buildGatewaysBenchmarkSchema, gatewaysBenchmarkSubgraphNames, type GatewaysBenchmarkSubgraphName } from './subgraphSchemas.ts';
import { gatewaysBenchmarkQuery } from './testQuery.ts';

process.env.APOLLO_TELEMETRY_DISABLED = '1';

interface User {
  id: string;
  username: string;
  name: string;
  reviews: Review[];
}
interface Review {
  id: string;
  body: string;
  product?: Product;
  author?: User;
}
interface Product {
  upc: string;
  name: string;
  price: number;
  weight: number;
  inStock: boolean;
  shippingEstimate: number | null;
  reviews?: Review[];
}

describe('the gateways benchmark workload', () => {
  let server: ApolloServer;
  let data: { users: User[]; topProducts: Product[] };

  beforeAll(async () => {
    const urls = gatewaysBenchmarkUrls('http://127.0.0.1:1');
    const gateway = new ApolloGateway({
      supergraphSdl: composeGatewaysBenchmark(urls),
      buildService: ({ name }) => new LocalGraphQLDataSource(buildGatewaysBenchmarkSchema(name as GatewaysBenchmarkSubgraphName)),
    });
    server = new ApolloServer({ gateway });
    await server.start();
    const response = await server.executeOperation({ query: gatewaysBenchmarkQuery });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.errors).toBeUndefined();
    data = response.body.singleResult.data as typeof data;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('composes the published supergraph: four subgraphs at their URLs, @requires and @provides kept', () => {
    const sdl = composeGatewaysBenchmark(gatewaysBenchmarkUrls('http://subgraphs'));
    for (const name of gatewaysBenchmarkSubgraphNames) expect(sdl).toContain(`@join__graph(name: "${name}", url: "http://subgraphs/${name}")`);
    expect(sdl).toContain('shippingEstimate: Int @join__field(graph: INVENTORY, requires: "price weight")');
    expect(sdl).toContain('author: User @join__field(graph: REVIEWS, provides: "username")');
    expect(sdl).toContain('topProducts(first: Int = 5): [Product] @join__field(graph: PRODUCTS)');
  });

  it('answers every user with the first two reviews, each about the Table and its four reviews', () => {
    expect(data.users.map((user) => [user.id, user.username, user.name])).toEqual([
      ['1', 'urigo', 'Uri Goldshtein'],
      ['2', 'dotansimha', 'Dotan Simha'],
      ['3', 'kamilkisiela', 'Kamil Kisiela'],
      ['4', 'ardatan', 'Arda Tanrikulu'],
      ['5', 'gilgardosh', 'Gil Gardosh'],
      ['6', 'laurin', 'Laurin Quast'],
    ]);
    for (const user of data.users) {
      expect(user.reviews.map((review) => review.id)).toEqual(['1', '2']);
      const product = user.reviews[0]?.product;
      expect(product).toMatchObject({ upc: '1', name: 'Table', price: 899, weight: 100, inStock: true, shippingEstimate: null });
      expect(product?.reviews?.map((review) => review.id)).toEqual(['1', '2', '3', '4']);
      const author = product?.reviews?.[0]?.author;
      expect(author).toMatchObject({ id: '1', username: 'urigo', name: 'Uri Goldshtein' });
      expect(author?.reviews.map((review) => review.product?.name)).toEqual(['Table', 'Table']);
    }
  });

  it('answers the top five products with their reviews, as published (shippingEstimate null, the TV without reviews)', () => {
    expect(data.topProducts.map((p) => [p.upc, p.name, p.price, p.weight, p.inStock, p.shippingEstimate, p.reviews?.map((r) => r.id)])).toEqual([
      ['1', 'Table', 899, 100, true, null, ['1', '2', '3', '4']],
      ['2', 'Couch', 1299, 1000, false, null, ['5', '6', '7', '8']],
      ['3', 'Glass', 15, 20, false, null, ['9']],
      ['4', 'Chair', 499, 100, false, null, ['10', '11']],
      ['5', 'TV', 1299, 1000, true, null, []],
    ]);
    expect(data.topProducts[3]?.reviews?.[1]?.body).toMatch(/^At vero eos .* repellat\.$/);
    expect(data.topProducts[3]?.reviews?.[1]?.author?.reviews.map((r) => r.id)).toEqual(['1', '2']);
  });
});
