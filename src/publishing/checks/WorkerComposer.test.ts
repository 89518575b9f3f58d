import { describe, expect, it } from 'vitest';
import { clientSubgraphSdls, composeClientSupergraph, CompositionError } from '../../federation/index.ts';
import { createWorkerComposer } from './WorkerComposer.ts';

/** A subgraph composition takes seconds over: `types` types of `fields` fields each. */
function largeSdl(types: number, fields: number): string {
  const lines = ['type Query {', ...Array.from({ length: types }, (_, i) => `  t${i}: T${i}`), '}'];
  for (let i = 0; i < types; i++) {
    lines.push(`type T${i} {`, ...Array.from({ length: fields }, (_, j) => `  f${j}: ${j % 3 === 0 ? `T${(i + j) % types}` : 'String'}`), '}');
  }
  return lines.join('\n');
}

describe('createWorkerComposer', () => {
  it('composes on a worker thread what the thread composes, and its errors as CompositionError', async () => {
    const composer = createWorkerComposer();
    try {
      const subgraphs = clientSubgraphSdls('web');
      expect(await composer.compose('web', subgraphs)).toEqual(composeClientSupergraph('web', subgraphs));
      const broken = subgraphs.map((subgraph) => (subgraph.name === 'promotions' ? { ...subgraph, sdl: subgraph.sdl.replace('code: String!', 'code: Nope') } : subgraph));
      const failure = await composer.compose('web', broken).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(CompositionError);
      expect((failure as CompositionError).problems).toEqual([expect.objectContaining({ subgraph: 'promotions', message: '[promotions] Unknown type Nope' })]);
    } finally {
      await composer.close();
    }
  });

  it('stops a composition past its time limit, and composes the next on a fresh worker', async () => {
    // The large subgraph takes ~15 s to compose here; the driver's supergraph well under a second.
    const composer = createWorkerComposer({ timeoutMs: 2500 });
    try {
      const subgraphs = [...clientSubgraphSdls('web'), { name: 'large', sdl: largeSdl(2000, 25) }];
      const slow = await composer.compose('web', subgraphs).catch((error: unknown) => error);
      expect(slow).toBeInstanceOf(CompositionError);
      expect((slow as CompositionError).errors).toEqual(['composition took longer than 2500 ms; stopped']);
      expect((await composer.compose('driver', clientSubgraphSdls('driver'))).client).toBe('driver');
    } finally {
      await composer.close();
    }
  });
});
