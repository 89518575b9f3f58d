import { describe, expect, it } from 'vitest';
import { documentIdOf } from '../documents/index.ts';
import type { GatewayError } from '../errors/index.ts';
import { resolveDocumentRequest, type DocumentRequestInput } from './resolveDocumentRequest.ts';
import type { TrustedDocumentLookup, TrustedDocuments } from './TrustedDocuments.ts';

const home = 'query Home {\n  me {\n    id\n  }\n}';
const homeId = documentIdOf(home);
const oldOnly = 'query Old {\n  products {\n    id\n  }\n}';
const oldId = documentIdOf(oldOnly);

/** passenger@3.2.0 (active) has Home; passenger@3.1.0 (retired) has Home and Old. */
function documents(): TrustedDocuments & { used: string[] } {
  const used: string[] = [];
  return {
    used,
    lookup(client, documentId, appVersion): TrustedDocumentLookup {
      if (client !== 'passenger') return { kind: 'unknown' };
      if (appVersion === 'passenger@3.1.0' && (documentId === homeId || documentId === oldId)) return { kind: 'retired', appVersion };
      if (documentId === oldId && appVersion === undefined) return { kind: 'retired', appVersion: 'passenger@3.1.0' };
      if (documentId === homeId && (appVersion === undefined || appVersion === 'passenger@3.2.0')) return { kind: 'found', text: home, appVersion: 'passenger@3.2.0' };
      return { kind: 'unknown' };
    },
    recordUse: (appVersion) => used.push(appVersion),
  };
}

const input = (overrides: Partial<DocumentRequestInput>): DocumentRequestInput => ({
  client: 'passenger',
  policy: 'required',
  documents: documents(),
  method: 'POST',
  body: {},
  url: '/passenger/graphql',
  appVersionHeader: undefined,
  ...overrides,
});

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    return { code: (error as GatewayError).code, message: (error as GatewayError).message };
  }
  throw new Error('expected a refusal');
}

describe('resolveDocumentRequest', () => {
  it('POST: a document id becomes its published text (the same string: the guard and Apollo Server cache it by text), and its use is recorded', () => {
    const store = documents();
    const resolved = resolveDocumentRequest(input({ documents: store, body: { documentId: homeId, variables: { a: 1 } }, appVersionHeader: 'passenger@3.2.0' }));
    expect(resolved.body).toEqual({ query: home, variables: { a: 1 } });
    expect((resolved.body as { query: string }).query).toBe(home);
    expect(resolved.trusted).toEqual({ documentId: homeId, appVersion: 'passenger@3.2.0' });
    expect(store.used).toEqual(['passenger@3.2.0']);
    // Without x-app-version: any active version that has it.
    expect(resolveDocumentRequest(input({ body: { documentId: homeId } })).trusted?.appVersion).toBe('passenger@3.2.0');
  });

  it('GET: ?documentId= becomes ?query=, the rest of the search kept', () => {
    const resolved = resolveDocumentRequest(input({ method: 'GET', body: undefined, url: `/passenger/graphql?documentId=${homeId}&variables=%7B%7D` }));
    const search = new URL(resolved.url, 'http://x').searchParams;
    expect(search.get('query')).toBe(home);
    expect(search.get('documentId')).toBeNull();
    expect(search.get('variables')).toBe('{}');
    expect(resolved.url.startsWith('/passenger/graphql?')).toBe(true);
  });

  it('required: query text, an APQ hash, a batch or nothing at all is PERSISTED_QUERY_REQUIRED, over POST and GET', () => {
    for (const body of [{ query: home }, { extensions: { persistedQuery: { version: 1, sha256Hash: homeId.slice(7) } } }, [{ documentId: homeId }], {}]) {
      expect(refusal(() => resolveDocumentRequest(input({ body }))).code).toBe('PERSISTED_QUERY_REQUIRED');
    }
    const get = refusal(() => resolveDocumentRequest(input({ method: 'GET', url: `/passenger/graphql?query=${encodeURIComponent(home)}` })));
    expect(get).toMatchObject({ code: 'PERSISTED_QUERY_REQUIRED', message: expect.stringContaining('documentId') });
  });

  it('allowed: query text passes through untouched', () => {
    const body = { query: home };
    expect(resolveDocumentRequest(input({ policy: 'allowed', body }))).toEqual({ body, url: '/passenger/graphql' });
    expect(resolveDocumentRequest(input({ policy: 'allowed', method: 'GET', url: '/web/graphql?query=%7B__typename%7D', client: 'web' })).url).toBe('/web/graphql?query=%7B__typename%7D');
  });

  it('an unknown id is PERSISTED_QUERY_NOT_FOUND (also with allowed); a retired version’s is PERSISTED_QUERY_RETIRED naming it', () => {
    const unknown = documentIdOf('{ x }');
    expect(refusal(() => resolveDocumentRequest(input({ body: { documentId: unknown } })))).toMatchObject({ code: 'PERSISTED_QUERY_NOT_FOUND', message: expect.stringContaining(unknown) });
    expect(refusal(() => resolveDocumentRequest(input({ policy: 'allowed', body: { documentId: unknown } }))).code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(refusal(() => resolveDocumentRequest(input({ documents: undefined, body: { documentId: homeId } }))).code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(refusal(() => resolveDocumentRequest(input({ body: { documentId: homeId }, appVersionHeader: 'passenger@9.9.9' }))).message).toContain('passenger@9.9.9');
    const retired = refusal(() => resolveDocumentRequest(input({ body: { documentId: homeId }, appVersionHeader: 'passenger@3.1.0' })));
    expect(retired).toMatchObject({ code: 'PERSISTED_QUERY_RETIRED', message: expect.stringContaining('passenger@3.1.0') });
    expect(refusal(() => resolveDocumentRequest(input({ body: { documentId: oldId } }))).message).toContain('passenger@3.1.0 is retired');
  });

  it('a documentId of the wrong form, a bad x-app-version, or an id with a query or an APQ hash is BAD_REQUEST', () => {
    for (const documentId of [homeId.toUpperCase(), homeId.slice(7), 'sha256:abc', 42, null, `${homeId}0`]) {
      expect(refusal(() => resolveDocumentRequest(input({ body: { documentId } }))).code, String(documentId)).toBe('BAD_REQUEST');
    }
    expect(refusal(() => resolveDocumentRequest(input({ method: 'GET', url: '/p?documentId=md5:1' }))).code).toBe('BAD_REQUEST');
    expect(refusal(() => resolveDocumentRequest(input({ method: 'GET', url: `/p?documentId=${homeId}&documentId=${homeId}` }))).code).toBe('BAD_REQUEST');
    for (const header of ['passenger', 'passenger@3.2', 'passenger@v3.2.0', 'passenger@03.2.0', 'Passenger@3.2.0', 'driver@3.2.0', `passenger@3.2.0-${'x'.repeat(200)}`]) {
      expect(refusal(() => resolveDocumentRequest(input({ body: { documentId: homeId }, appVersionHeader: header }))).code, header).toBe('BAD_REQUEST');
    }
    expect(resolveDocumentRequest(input({ body: { documentId: homeId }, appVersionHeader: 'passenger@3.2.0' })).trusted).toBeDefined();
    expect(refusal(() => resolveDocumentRequest(input({ body: { documentId: homeId, query: home } }))).code).toBe('BAD_REQUEST');
    expect(refusal(() => resolveDocumentRequest(input({ body: { documentId: homeId, extensions: { persistedQuery: { version: 1 } } } }))).code).toBe('BAD_REQUEST');
  });
});
