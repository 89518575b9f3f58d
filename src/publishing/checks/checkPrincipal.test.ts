import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Principal, PublishedLocation } from '../types.ts';
import { checkPrincipal } from './checkPrincipal.ts';
import type { ProposedChange } from './LiveGraph.ts';
import { liveGraphFromCatalog } from './liveGraphFromCatalog.ts';

const promotions = readFileSync(new URL('../../../schemas/remote/promotions.graphql', import.meta.url), 'utf8');
const live = liveGraphFromCatalog();
const marketing: Principal = {
  kind: 'team',
  team: 'marketing',
  subgraphs: new Set(['promotions', 'campaigns']),
  hosts: new Set(['promotions.internal', '127.0.0.1:4300']),
  services: new Set(['promotions']),
};
const own: PublishedLocation = { service: 'promotions', path: '/graphql' };

function change(sdl: string, subgraph = 'promotions'): ProposedChange {
  return { subgraph, sdl, clients: ['passenger', 'web'], strict: false };
}

function edited(from: string, to: string): string {
  const next = promotions.replace(from, to);
  expect(next).not.toBe(promotions);
  return next;
}

describe('checkPrincipal', () => {
  it('lets the admin do anything, and a team change its own subgraph', () => {
    expect(checkPrincipal(live, change(promotions, 'catalog'), { kind: 'admin' }, { url: 'http://anywhere.example/graphql' })).toEqual([]);
    expect(checkPrincipal(live, change(promotions), marketing, own)).toEqual([]);
  });

  it("refuses a team another team's subgraph", () => {
    expect(checkPrincipal(live, change(promotions, 'catalog'), marketing, own)).toEqual(['team marketing may only change its own subgraphs (campaigns, promotions), not catalog']);
  });

  it('refuses @override(from:) naming a subgraph the team does not own, and allows its own', () => {
    const field = '  promotion: Promotion @fallback(kind: NULL)';
    const stolen = edited(field, `  name: String! @override(from: "catalog")\n${field}`);
    expect(checkPrincipal(live, change(stolen), marketing, own)).toEqual(['team marketing may not take over Product.name with @override(from: "catalog"): it does not own catalog']);
    const moved = edited(field, `  name: String! @federation__override(from: "campaigns")\n${field}`);
    expect(checkPrincipal(live, change(moved), marketing, own)).toEqual([]);
  });

  it("refuses changing the authorization rules of another team's field or type, not of its own fields on their entities", () => {
    const keyField = edited('type Rider @key(fields: "id") {\n  id: ID!', 'type Rider @key(fields: "id") {\n  id: ID! @authenticated');
    expect(checkPrincipal(live, change(keyField), marketing, own)).toEqual([
      expect.stringMatching(/^team marketing may not change the authorization rules \(none → @authenticated\) of field Rider\.id, which .*riders/),
    ]);
    const typeLevel = edited('type Product @key(fields: "id") {', 'type Product @key(fields: "id") @authenticated {');
    expect(checkPrincipal(live, change(typeLevel), marketing, own)).toEqual([expect.stringMatching(/of type Product, which .*catalog/)]);
    // Rider.vouchers is the promotions team's own field, on the riders team's entity.
    const ownField = edited('vouchers: [Voucher!] @owner(rules: [SELF])', 'vouchers: [Voucher!] @authenticated');
    expect(checkPrincipal(live, change(ownField), marketing, own)).toEqual([]);
  });

  it("refuses a location outside the team's allow-list", () => {
    const at = (location: PublishedLocation) => checkPrincipal(live, change(promotions), marketing, location);
    expect(at({ url: 'http://promotions.internal:8080/graphql' })).toEqual([]);
    expect(at({ url: 'http://127.0.0.1:4300/graphql' })).toEqual([]);
    expect(at({ url: 'http://127.0.0.1:4301/graphql' })).toEqual([expect.stringMatching(/may not point a subgraph at 127\.0\.0\.1:4301: not one of its hosts/)]);
    expect(at({ url: 'http://metadata.example/graphql' })).toEqual([expect.stringMatching(/metadata\.example/)]);
    expect(at({ service: 'catalog', path: '/graphql' })).toEqual([expect.stringMatching(/registry service catalog: not one of its services \(promotions\)/)]);
    expect(checkPrincipal(live, { ...change(promotions), url: 'registry://riders/graphql' }, marketing)).toEqual([expect.stringMatching(/registry service riders/)]);
  });
});
