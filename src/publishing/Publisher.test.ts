import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../errors/index.ts';
import { PublishedGraph } from './PublishedGraph.ts';
import { Publisher, type Checks } from './Publisher.ts';
import type { CheckReport, SchemaStore } from './types.ts';

const sdl = readFileSync(new URL('../../schemas/remote/promotions.graphql', import.meta.url), 'utf8');
const passing = (subgraph: string): CheckReport => ({ ok: true, subgraph, errors: [], composition: [], changes: [], clientChanges: {}, brokenOperations: [], warnings: [] });

describe('Publisher', () => {
  it('runs at most four checks at once and refuses the next with OVERLOADED (503) instead of queueing it', async () => {
    const release: (() => void)[] = [];
    const checks: Checks = {
      checkChange: (change) => new Promise((resolve) => release.push(() => resolve(passing(change.subgraph)))),
      checkPrincipal: () => [],
    };
    const publisher = new Publisher({ graph: new PublishedGraph(), store: {} as SchemaStore, checks, knownService: () => true, maxSdlBytes: 1_048_576, sync: async () => undefined });
    const running = [1, 2, 3, 4].map(() => publisher.check({ kind: 'admin' }, { subgraph: 'promotions', sdl }));
    const refused = await publisher.check({ kind: 'admin' }, { subgraph: 'promotions', sdl }).catch((error: unknown) => error);
    expect(isGatewayError(refused) && refused.code).toBe('OVERLOADED');
    for (const done of release) done();
    expect((await Promise.all(running)).every((report) => report.ok)).toBe(true);
    // Once they are done, checks run again.
    const again = publisher.check({ kind: 'admin' }, { subgraph: 'promotions', sdl });
    release.at(-1)?.();
    expect((await again).ok).toBe(true);
  });
});
