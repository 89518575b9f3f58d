import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DocumentCache } from './DocumentCache.ts';

const schema = buildSchema('type Query { a: Int, b: Int }');

describe('DocumentCache', () => {
  it('prepares a text once and hands back the same document', () => {
    const cache = new DocumentCache(schema, 2);
    const first = cache.get('{ a }');
    expect(first.ok).toBe(true);
    expect(cache.get('{ a }')).toBe(first);
  });

  it('keeps refusals with their code', () => {
    const cache = new DocumentCache(schema, 2);
    expect(cache.get('{ a')).toMatchObject({ ok: false, code: 'GRAPHQL_PARSE_FAILED' });
    expect(cache.get('{ c }')).toMatchObject({ ok: false, code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('drops the least recently used text past its bound', () => {
    const cache = new DocumentCache(schema, 2);
    const a = cache.get('{ a }');
    const b = cache.get('{ b }');
    cache.get('{ a }');
    cache.get('{ a b }');
    expect(cache.get('{ a }')).toBe(a);
    expect(cache.get('{ b }')).not.toBe(b);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => new DocumentCache(schema, 0)).toThrow(/maxEntries must be an integer ≥ 1; got 0/);
  });
});
