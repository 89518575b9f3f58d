import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSubgraphCatalog, subgraphCatalog } from './subgraphCatalog.ts';

const dir = `${mkdtempSync(join(tmpdir(), 'subgraphs-'))}/`;
mkdirSync(`${dir}remote`);
writeFileSync(`${dir}remote/offers.graphql`, 'type Query { a: Int }');
const parse = (subgraphs: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) => parseSubgraphCatalog({ subgraphs }, 'subgraphs.json', dir, env);

describe('subgraph catalog (schemas/subgraphs.json)', () => {
  it('lists the in-process domain subgraphs and the remote promotions service, found in the registry', () => {
    expect(subgraphCatalog.map((entry) => [entry.name, entry.location.kind])).toEqual([
      ['riders', 'in-process'],
      ['drivers', 'in-process'],
      ['trips', 'in-process'],
      ['catalog', 'in-process'],
      ['pricing', 'in-process'],
      ['reviews', 'in-process'],
      ['recommendations', 'in-process'],
      ['promotions', 'registry'],
    ]);
    expect(subgraphCatalog.find((entry) => entry.name === 'promotions')).toMatchObject({
      location: { kind: 'registry', service: 'promotions', path: '/graphql' },
      clients: ['passenger', 'web'],
      forwardAuthorization: false,
    });
  });

  it('takes a URL location, or SUBGRAPH_URL_<NAME> over a registry one', () => {
    const [byUrl] = parse({ offers: { location: { url: 'http://127.0.0.1:9000/gql' }, sdl: 'remote/offers.graphql' } });
    expect(byUrl?.location).toEqual({ kind: 'url', url: 'http://127.0.0.1:9000/gql', address: '127.0.0.1:9000', path: '/gql' });
    const [overridden] = parse({ promotions: { location: { service: 'promotions' }, sdl: 'remote/offers.graphql' } }, { SUBGRAPH_URL_PROMOTIONS: 'http://10.0.0.5:4001/graphql' });
    expect(overridden?.location).toMatchObject({ kind: 'url', address: '10.0.0.5:4001' });
  });

  it('refuses a bad entry, naming the subgraph and the problem', () => {
    expect(() => parse({ offers: { location: { service: 'offers' }, sdl: 'remote/offers.graphql' } })).toThrow(/subgraphs\.offers: service "offers" must be listed in schemas\/services\.json with protocol "graphql"/);
    expect(() => parse({ offers: { location: { url: 'http://127.0.0.1:9000/' } } })).toThrow(/subgraphs\.offers: a remote subgraph needs "sdl"/);
    expect(() => parse({ offers: { location: { url: 'http://127.0.0.1:9000/' }, sdl: 'remote/missing.graphql' } })).toThrow(/subgraphs\.offers: sdl file schemas\/remote\/missing\.graphql does not exist/);
    expect(() => parse({ offers: { location: { url: 'ftp://x/' }, sdl: 'remote/offers.graphql' } })).toThrow(/offers\.location/);
    expect(() => parse({ offers: { location: { url: 'http://x/' }, sdl: 'remote/offers.graphql', forwardHeaders: ['authorization'] } })).toThrow(/forwardHeaders\.0: is not forwardable by name/);
    expect(() => parse({ riders: { location: 'in-process', forwardAuthorization: true } })).toThrow(/subgraphs\.riders: forwardHeaders and forwardAuthorization are for remote subgraphs/);
    expect(() => parse({ offers: { location: { url: 'http://x/' }, sdl: 'remote/offers.graphql', clients: ['kiosk'] } })).toThrow(/offers\.clients\.0/);
  });
});
