/**
 * A document sent by id is parsed and validated once per schema, not per request: the edge hands
 * on the manifest's text (the same string every time), and both caches on the path key by text:
 * the guard's verdict (OperationGuard, an LRU by text, one guard per schema version) and Apollo
 * Server's parsed and validated documents (its document store, keyed by the SHA-256 of the text:
 * the document id's own hex digits, one store per schema).
 */
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { buildSchema, parse } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config/index.ts';
import { clientSubgraphSdls, composeClients } from '../federation/index.ts';
import { readPersistedManifest } from '../documents/index.ts';
import operationIds from '../../clients/passenger/__generated__/operation-ids.json' with { type: 'json' };
import { CostModel, OperationGuard } from '../limits/index.ts';
import * as parsing from '../limits/parseDocument.ts';
import { resolveDocumentRequest } from './resolveDocumentRequest.ts';
import type { TrustedDocuments } from './TrustedDocuments.ts';

vi.mock('../limits/parseDocument.ts', async (original) => {
  const actual = await original<typeof import('../limits/parseDocument.ts')>();
  return { parseDocument: vi.fn(actual.parseDocument) };
});

const manifest = readPersistedManifest(new URL('../../clients/passenger/__generated__/persisted-documents.json', import.meta.url).pathname);
/** The passenger app's committed manifest as one version. */
const documents: TrustedDocuments = {
  lookup: (_client, documentId) => {
    const text = manifest[documentId as keyof typeof manifest];
    return text === undefined ? { kind: 'unknown' } : { kind: 'found', text, appVersion: 'passenger@1.0.0' };
  },
  recordUse: () => undefined,
};
const homeId = operationIds.PassengerHome;
const byId = () =>
  resolveDocumentRequest({ client: 'passenger', policy: 'required', documents, method: 'POST', body: { documentId: homeId, variables: { lat: 1, lng: 2 } }, url: '/passenger/graphql', appVersionHeader: undefined });

describe('documents sent by id are parsed and validated once', () => {
  it('the guard parses a document sent by id once, however often it is sent', () => {
    const { limits } = loadConfig({});
    const guard = new OperationGuard({
      schema: buildSchema(composeClients().passenger.apiSchemaSdl),
      costModel: new CostModel(clientSubgraphSdls('passenger').map(({ sdl }) => parse(sdl))),
      limits: limits.clients.passenger,
      maxIdLength: limits.maxIdLength,
    });
    for (let i = 0; i < 3; i += 1) {
      const { query, variables } = byId().body as { query: string; variables: Record<string, unknown> };
      expect(guard.check({ query, variables, operationName: undefined }).operationType).toBe('query');
    }
    expect(vi.mocked(parsing.parseDocument)).toHaveBeenCalledTimes(1);
  });

  it('Apollo Server parses and validates the same text once: its cache key is the id’s hex', async () => {
    let parses = 0;
    let validations = 0;
    const hashes: string[] = [];
    const counting: ApolloServerPlugin = {
      async requestDidStart() {
        return {
          async didResolveSource({ queryHash }) {
            hashes.push(queryHash);
          },
          async parsingDidStart() {
            parses += 1;
          },
          async validationDidStart() {
            validations += 1;
          },
        };
      },
    };
    const server = new ApolloServer({ schema: buildSchema(composeClients().passenger.apiSchemaSdl), plugins: [counting] });
    await server.start();
    try {
      for (let i = 0; i < 3; i += 1) {
        await server.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body: byId().body },
          context: async () => ({}),
        });
      }
    } finally {
      await server.stop();
    }
    expect([parses, validations]).toEqual([1, 1]);
    expect(hashes).toEqual([homeId.slice('sha256:'.length), homeId.slice('sha256:'.length), homeId.slice('sha256:'.length)]);
  });
});
