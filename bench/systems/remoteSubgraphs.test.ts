import { describe, expect, it } from 'vitest';
import { pointSupergraphAt, supergraphSubgraphNames } from './pointSupergraphAt.ts';
import { parseRemoteSubgraphs, readRemoteSubgraphs, remoteSubgraphUrls } from './remoteSubgraphs.ts';

describe('remote subgraphs, as the bench reaches them', () => {
  it('reads the remote entries of the subgraph catalog, by service or by URL', () => {
    const remote = parseRemoteSubgraphs({
      subgraphs: {
        riders: { location: 'in-process' },
        promotions: { location: { service: 'promotions', path: '/graphql' } },
        loyalty: { location: { service: 'loyalty' } },
        partners: { location: { url: 'http://partners.internal:4001/graphql' } },
      },
    });
    expect(remote).toEqual([
      { name: 'promotions', location: { service: 'promotions', path: '/graphql' } },
      { name: 'loyalty', location: { service: 'loyalty', path: '/graphql' } },
      { name: 'partners', location: { url: 'http://partners.internal:4001/graphql' } },
    ]);
  });

  it('refuses a location that is neither, naming the subgraph', () => {
    expect(() => parseRemoteSubgraphs({ subgraphs: { odd: { location: { port: 1 } } } })).toThrow(/subgraph odd/);
    expect(() => parseRemoteSubgraphs({})).toThrow(/no "subgraphs"/);
  });

  it('finds promotions in schemas/subgraphs.json', () => {
    expect(readRemoteSubgraphs().map((subgraph) => subgraph.name)).toContain('promotions');
  });

  it('turns a registry service into the URLs of its running instances', () => {
    const urls = remoteSubgraphUrls(
      [
        { name: 'promotions', location: { service: 'promotions', path: '/graphql' } },
        { name: 'partners', location: { url: 'http://partners/graphql' } },
        { name: 'loyalty', location: { service: 'loyalty', path: '/gql' } },
      ],
      [
        { service: 'pricing', address: '127.0.0.1:5000' },
        { service: 'promotions', address: '127.0.0.1:6001' },
        { service: 'promotions', address: '127.0.0.1:6002' },
      ],
    );
    expect(Object.fromEntries(urls)).toEqual({
      promotions: ['http://127.0.0.1:6001/graphql', 'http://127.0.0.1:6002/graphql'],
      partners: ['http://partners/graphql'],
      loyalty: [],
    });
  });
});

describe('pointSupergraphAt', () => {
  const sdl = `enum join__Graph {
  BFF_PASSENGER @join__graph(name: "bff-passenger", url: "local://bff-passenger")
  PROMOTIONS @join__graph(name: "promotions", url: "registry://promotions/graphql")
  RIDERS @join__graph(name: "riders", url: "local://riders")
}`;

  it('lists the subgraphs of a supergraph', () => {
    expect(supergraphSubgraphNames(sdl)).toEqual(['bff-passenger', 'promotions', 'riders']);
  });

  it('points every subgraph at its URL, whatever it was', () => {
    const urls: Record<string, string> = { 'bff-passenger': 'http://127.0.0.1:1/graphql', promotions: 'http://127.0.0.1:2/graphql', riders: 'http://127.0.0.1:3/graphql' };
    const pointed = pointSupergraphAt(sdl, (name) => urls[name]);
    expect(pointed).toContain('BFF_PASSENGER @join__graph(name: "bff-passenger", url: "http://127.0.0.1:1/graphql")');
    expect(pointed).toContain('PROMOTIONS @join__graph(name: "promotions", url: "http://127.0.0.1:2/graphql")');
    expect(pointed).toContain('RIDERS @join__graph(name: "riders", url: "http://127.0.0.1:3/graphql")');
  });

  it('names every subgraph left without a URL', () => {
    expect(() => pointSupergraphAt(sdl, (name) => (name === 'riders' ? 'http://x/graphql' : undefined))).toThrow('no URL for subgraph(s) bff-passenger, promotions');
  });
});
