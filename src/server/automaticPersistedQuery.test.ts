import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../errors/index.ts';
import { resolveAutomaticPersistedQuery, type PersistedQueries } from './automaticPersistedQuery.ts';

const query = '{ products { id } }';
const hash = createHash('sha256').update(query).digest('hex');
const persistedQuery = { version: 1, sha256Hash: hash };

/** A store in a Map. */
function memory(): PersistedQueries & { readonly texts: Map<string, string> } {
  const texts = new Map<string, string>();
  return { texts, lookup: async (key) => texts.get(key), register: async (key, text) => Boolean(texts.set(key, text)) };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return isGatewayError(error) ? error.code : 'not a GatewayError';
  }
}

describe('resolveAutomaticPersistedQuery', () => {
  it('leaves a request without the extension alone', async () => {
    const body = { query, extensions: { other: 1 } };
    expect(await resolveAutomaticPersistedQuery('POST', body, '', undefined)).toEqual({ body, search: '' });
  });

  it('POST: hash and text → the plain request, registered on demand; then the hash alone → the text, other extensions kept', async () => {
    const store = memory();
    const sent = await resolveAutomaticPersistedQuery('POST', { query, variables: { a: 1 }, extensions: { persistedQuery, trace: true } }, '', store);
    expect(sent.body).toEqual({ query, variables: { a: 1 }, extensions: { trace: true } });
    expect(store.texts.size).toBe(0);
    await sent.register?.();
    expect(store.texts.get(hash)).toBe(query);
    const byHash = await resolveAutomaticPersistedQuery('POST', { variables: { a: 2 }, extensions: { persistedQuery } }, '', store);
    expect(byHash).toEqual({ body: { query, variables: { a: 2 } }, search: '' });
  });

  it('GET: the search gets the text and loses the extension', async () => {
    const store = memory();
    store.texts.set(hash, query);
    const search = `?${new URLSearchParams({ extensions: JSON.stringify({ persistedQuery }), variables: '{}' })}`;
    const resolved = await resolveAutomaticPersistedQuery('GET', undefined, search, store);
    const params = new URLSearchParams(resolved.search.slice(1));
    expect(params.get('query')).toBe(query);
    expect(params.get('extensions')).toBeNull();
    expect(params.get('variables')).toBe('{}');
  });

  it('refuses: unknown hash, wrong hash, malformed hash or version, APQ off, extensions not JSON', async () => {
    const store = memory();
    expect(await codeOf(resolveAutomaticPersistedQuery('POST', { extensions: { persistedQuery } }, '', store))).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(await codeOf(resolveAutomaticPersistedQuery('POST', { query: '{ x }', extensions: { persistedQuery } }, '', store))).toBe('BAD_REQUEST');
    expect(await codeOf(resolveAutomaticPersistedQuery('POST', { extensions: { persistedQuery: { version: 1, sha256Hash: hash.toUpperCase() } } }, '', store))).toBe('BAD_REQUEST');
    expect(await codeOf(resolveAutomaticPersistedQuery('POST', { extensions: { persistedQuery: { version: 2, sha256Hash: hash } } }, '', store))).toBe('BAD_REQUEST');
    expect(await codeOf(resolveAutomaticPersistedQuery('POST', { query, extensions: { persistedQuery } }, '', undefined))).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    expect(await codeOf(resolveAutomaticPersistedQuery('GET', undefined, '?extensions=%7Bnope', store))).toBe('BAD_REQUEST');
    expect(store.texts.size).toBe(0);
  });
});
