import { describe, expect, it } from 'vitest';
import type { Upstreams } from '../../upstreams/index.ts';
import { defineLoaders } from './defineLoaders.ts';
import type { LoaderSource } from './LoaderSource.ts';

interface Pair {
  readonly first: { n: number };
  readonly second: { fromFirst: number };
}

const source = (n: number): LoaderSource => ({ upstreams: {} as Upstreams, options: { deadline: n, signal: new AbortController().signal, idempotent: true }, priceCache: undefined });

describe('defineLoaders', () => {
  it('makes each loader on first use, once per request, with the request source and the whole set', () => {
    let made = 0;
    const create = defineLoaders<Pair>({
      first: ({ options }) => {
        made += 1;
        return { n: options.deadline };
      },
      second: (_source, loaders) => ({ fromFirst: loaders.first.n }),
    });
    const one = create(source(1));
    expect(made).toBe(0);
    expect(one.second).toEqual({ fromFirst: 1 });
    expect(one.first).toBe(one.first);
    expect(made).toBe(1);
    const two = create(source(2));
    expect(two.first).not.toBe(one.first);
    expect(two.first.n).toBe(2);
    expect(made).toBe(2);
  });
});
