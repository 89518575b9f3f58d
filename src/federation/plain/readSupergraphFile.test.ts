import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../limits/estimateCost.ts';
import { parseSupergraph, readSupergraphFile } from './readSupergraphFile.ts';
import { SupergraphFileError } from './SupergraphFileError.ts';

const options = { assumedListSize: 5 };
const file = '/srv/supergraph.graphql';

/** A supergraph of one subgraph with `sdl`, at `url`. */
function compose(sdl: string, url = 'http://127.0.0.1:4001/graphql'): string {
  const result = composeServices([{ name: 'shop', typeDefs: parse(sdl), url }]);
  if (!result.supergraphSdl) throw new Error(String(result.errors));
  return result.supergraphSdl;
}

const shop = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@listSize", "@cost"])
type Query { products: [Product!]! top(first: Int = 3): [Product!]! @listSize(slicingArguments: ["first"]) }
type Product @key(fields: "id") { id: ID! tags: [Tag!]! }
type Tag @cost(weight: 2) { name: String! }`;

function problemOf(sdl: string): string {
  try {
    parseSupergraph(file, sdl, 0, options);
  } catch (error) {
    expect(error).toBeInstanceOf(SupergraphFileError);
    expect((error as SupergraphFileError).message).toContain(file);
    return (error as SupergraphFileError).problem;
  }
  throw new Error('accepted');
}

describe('parseSupergraph', () => {
  it('reads each subgraph and where it runs: a URL as is, registry://<service>/<path> through the registry', () => {
    const sdl = compose(shop, 'registry://shop-api/v1/graphql');
    expect(parseSupergraph(file, sdl, 0, options).subgraphs).toEqual(new Map([['shop', { service: 'shop-api', path: '/v1/graphql' }]]));
    expect(parseSupergraph(file, compose(shop, 'registry://shop-api'), 0, options).subgraphs.get('shop')).toEqual({ service: 'shop-api', path: '/graphql' });
    expect(parseSupergraph(file, compose(shop), 0, options).subgraphs.get('shop')).toEqual({ url: 'http://127.0.0.1:4001/graphql' });
  });

  it('costs with the declarations the supergraph carries, and an assumed size for unsized lists instead of a refusal', () => {
    const sdl = compose(shop);
    const { costModel } = parseSupergraph(file, sdl, 0, options);
    const composed = composeServices([{ name: 'shop', typeDefs: parse(shop), url: 'http://x' }]);
    const schema = composed.schema!.toAPISchema().toGraphQLJSSchema();
    const cost = (query: string): number => {
      const document: DocumentNode = parse(query);
      return estimateCost(schema, costModel, document, document.definitions[0] as never, {});
    };
    // products: unsized, 5 assumed; each Product 1 + tags (5 × Tag weight 2).
    expect(cost('{ products { id tags { name } } }')).toBe(5 * (1 + 5 * 2));
    // top: sized by its slicing argument (default 3).
    expect(cost('{ top { id } }')).toBe(3);
  });

  it('refuses what is not a supergraph it can serve, saying why', () => {
    expect(problemOf('')).toBe('it is empty');
    expect(problemOf('  \n')).toBe('it is empty');
    expect(problemOf('type Query {')).toMatch(/^it is not GraphQL SDL at line 1, column 13: /);
    expect(problemOf(shop)).toMatch(/^it is not a supergraph: its schema does not @link the join spec/);
    const noEnum = compose(shop).replace(/enum join__Graph \{[^}]*\}/, '');
    expect(problemOf(noEnum)).toMatch(/^it is not a supergraph: it has no join__Graph enum/);
    expect(problemOf(compose(shop).replace(/, url: "[^"]*"/, ''))).toMatch(/^subgraph "shop" \(join__Graph.SHOP\) has no URL/);
    expect(problemOf(compose(shop, ''))).toMatch(/^subgraph "shop" \(join__Graph.SHOP\) has no URL/);
    expect(problemOf(compose(shop, 'ftp://files/graphql'))).toMatch(/^subgraph "shop": "ftp:\/\/files\/graphql" is neither http\(s\):\/\/\.\.\. nor registry:\/\//);
    expect(problemOf(compose(shop, 'registry://Shop_API/graphql'))).toMatch(/is not a registry service name/);
    expect(problemOf(compose(shop).replace('@cost(weight: 2)', '@cost(weight: -2)'))).toMatch(/^a cost directive is malformed: @cost needs weight/);
  });
});

describe('readSupergraphFile', () => {
  it('refuses a file it cannot read, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'supergraph-'));
    expect(() => readSupergraphFile(join(dir, 'missing.graphql'), options)).toThrow(`Supergraph file ${join(dir, 'missing.graphql')}: it cannot be read (ENOENT: no such file)`);
    expect(() => readSupergraphFile(dir, options)).toThrow(/it cannot be read \(EISDIR: it is a directory\)/);
    const ok = join(dir, 'ok.graphql');
    writeFileSync(ok, compose(shop));
    expect(readSupergraphFile(ok, options)).toMatchObject({ file: ok, modifiedAt: expect.any(Number) });
  });
});
