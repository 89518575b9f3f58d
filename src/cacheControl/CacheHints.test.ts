import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CacheHints } from './CacheHints.ts';
import { cacheControlDirectiveSdl, stripCacheControl } from './cacheControlDirective.ts';
import { print } from 'graphql';

const catalog = parse(`${cacheControlDirectiveSdl}
type Query { product(id: ID!): Product products: [Product!] me: Rider health: String }
type Product @cacheControl(maxAge: 300) { id: ID! name: String! price: Price secret: String @cacheControl(scope: PRIVATE) }
type Price @cacheControl(maxAge: 60) { amount: Float! }
type Rider { id: ID! trips: [Trip!] @owner(rules: [SELF]) }
type Trip { id: ID! }`);

describe('CacheHints', () => {
  const hints = new CacheHints([catalog]);

  it('max-age is the minimum over the fields; a field returning a type takes its hint', () => {
    expect(hints.policyOf(['Query.product', 'Product.id', 'Product.name'])).toEqual({ maxAgeSeconds: 300, scope: 'PUBLIC' });
    expect(hints.policyOf(['Query.products', 'Product.price', 'Price.amount'])).toEqual({ maxAgeSeconds: 60, scope: 'PUBLIC' });
  });

  it('a root field or object field without a hint is not cacheable (Apollo’s default 0)', () => {
    expect(hints.policyOf(['Query.health']).maxAgeSeconds).toBe(0);
    expect(hints.policyOf(['Query.product', 'Product.id']).maxAgeSeconds).toBe(300);
    expect(hints.policyOf([]).maxAgeSeconds).toBe(0);
  });

  it('private: a PRIVATE field, anything under `me`, a field with an authorization rule', () => {
    expect(hints.policyOf(['Query.product', 'Product.secret']).scope).toBe('PRIVATE');
    expect(hints.policyOf(['Query.me', 'Rider.id']).scope).toBe('PRIVATE');
    expect(hints.policyOf(['Rider.trips']).scope).toBe('PRIVATE');
  });

  it('names the field of a malformed hint', () => {
    expect(() => new CacheHints([parse('type Query { x: String @cacheControl(maxAge: "soon") }')])).toThrow(/Query\.x: @cacheControl\(maxAge:\)/);
  });

  it('the web client’s ProductDetails, from the repository’s SDL, is public for 60 s (prices and promotions)', () => {
    const sdl = (path: string) => parse(readFileSync(new URL(`../../schemas/${path}`, import.meta.url), 'utf8'));
    const web = new CacheHints(['bff/web.graphql', 'subgraphs/catalog.graphql', 'subgraphs/pricing.graphql', 'subgraphs/reviews.graphql', 'subgraphs/riders.graphql', 'subgraphs/recommendations.graphql', 'remote/promotions.graphql'].map(sdl));
    const productDetails = ['Query.product', 'Product.id', 'Product.name', 'Product.description', 'Product.price', 'Price.amount', 'Price.currency', 'Price.stale', 'Product.promotion', 'Promotion.code', 'Product.reviews', 'Review.rating', 'Review.text', 'Review.author', 'PublicProfile.name', 'Product.recommendations'];
    expect(web.policyOf(productDetails)).toEqual({ maxAgeSeconds: 60, scope: 'PUBLIC' });
    expect(web.policyOf(['Query.me', 'Rider.id']).scope).toBe('PRIVATE');
  });
});

describe('stripCacheControl', () => {
  it('removes the directive, its uses and its enum', () => {
    const printed = print(stripCacheControl(catalog));
    expect(printed).not.toMatch(/cacheControl|CacheControlScope/);
    expect(printed).toMatch(/type Product/);
  });
});
