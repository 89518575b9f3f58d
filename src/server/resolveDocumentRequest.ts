import type { TrustedDocumentsPolicy } from '../config/index.ts';
import { isDocumentId } from '../documents/index.ts';
import { GatewayError } from '../errors/index.ts';
import { APP_VERSION_HEADER, readAppVersion } from './appVersionHeader.ts';
import type { TrustedDocuments } from './TrustedDocuments.ts';

/** One GraphQL request as received, with the client's trusted documents policy. */
export interface DocumentRequestInput {
  /** The endpoint's client app (`passenger`): the app an `x-app-version` must name. */
  readonly client: string;
  readonly policy: TrustedDocumentsPolicy;
  /** The published documents; absent: no id is known. */
  readonly documents: TrustedDocuments | undefined;
  readonly method: 'GET' | 'POST';
  /** A POST's parsed JSON body. */
  readonly body: unknown;
  /** The request's URL (path and search). */
  readonly url: string;
  readonly appVersionHeader: string | string[] | undefined;
}

/** The request as the edge's checks and Apollo Server read it. */
export interface ResolvedDocumentRequest {
  /** A POST's body: with the document's text as `query` (and no `documentId`) when it named one. */
  readonly body: unknown;
  /** The URL: a GET's `documentId` replaced by `query=<text>`. */
  readonly url: string;
  /** The trusted document it named; absent: it sent its own query text. */
  readonly trusted?: { readonly documentId: string; readonly appVersion: string };
}

/**
 * Trusted documents at the edge, before anything parses the GraphQL: a request naming a document
 * by id (`{"documentId": "sha256:..."}` in a POST body, `?documentId=` in a GET; the app version in
 * `x-app-version`, else any active version that has it) gets its published text; its use is
 * recorded. With the `required` policy anything else (query text, Apollo's automatic persisted
 * queries) is PERSISTED_QUERY_REQUIRED. An unknown id: PERSISTED_QUERY_NOT_FOUND; a retired
 * version's: PERSISTED_QUERY_RETIRED naming it; a malformed id or app version: BAD_REQUEST.
 */
export function resolveDocumentRequest(input: DocumentRequestInput): ResolvedDocumentRequest {
  const { client, method, body, url } = input;
  const appVersion = readAppVersion(input.appVersionHeader, client);
  const queryStart = url.indexOf('?');
  const search = new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1));
  const fields = method === 'POST' ? postFields(body) : getFields(search);
  if (fields.documentId === undefined) {
    if (input.policy === 'required') {
      throw new GatewayError(
        'PERSISTED_QUERY_REQUIRED',
        `The ${client} endpoint runs trusted documents only: send {"documentId": "sha256:<hex>"} (POST) or ?documentId= (GET), with ${APP_VERSION_HEADER}: ${client}@<version>, not a query.`,
      );
    }
    return { body, url };
  }
  if (typeof fields.documentId !== 'string' || !isDocumentId(fields.documentId)) {
    throw new GatewayError('BAD_REQUEST', 'documentId must be sha256:<64 lower-case hex digits>, the SHA-256 of the document\'s text.');
  }
  if (fields.query !== undefined) throw new GatewayError('BAD_REQUEST', 'Send a documentId or a query, not both.');
  if (fields.persistedQuery) throw new GatewayError('BAD_REQUEST', 'Send a documentId or an automatic persisted query (extensions.persistedQuery), not both.');
  const documentId = fields.documentId;
  const found = input.documents?.lookup(client, documentId, appVersion) ?? { kind: 'unknown' };
  switch (found.kind) {
    case 'unknown':
      throw new GatewayError('PERSISTED_QUERY_NOT_FOUND', `No ${appVersion ?? `active ${client} app version`} has a document with the id ${documentId}.`);
    case 'retired':
      throw new GatewayError('PERSISTED_QUERY_RETIRED', `${found.appVersion} is retired: its documents no longer run. Update the app to a supported version.`);
    case 'found':
      break;
  }
  input.documents?.recordUse(found.appVersion);
  const trusted = { documentId, appVersion: found.appVersion };
  if (method === 'POST') {
    const { documentId: _named, ...rest } = body as Record<string, unknown>;
    return { body: { ...rest, query: found.text }, url, trusted };
  }
  search.delete('documentId');
  search.set('query', found.text);
  return { body, url: `${queryStart === -1 ? url : url.slice(0, queryStart)}?${search.toString()}`, trusted };
}

/** What decides how a request names its document. */
interface DocumentFields {
  /** Absent when the request names no document id (any value, even null, counts as naming one). */
  readonly documentId: unknown;
  readonly query: unknown;
  /** Whether it carries Apollo's automatic persisted query extension. */
  readonly persistedQuery: boolean;
}

function postFields(body: unknown): DocumentFields {
  // A batch (array) or a non-object: no document id; Apollo Server (or the policy) answers it.
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { documentId: undefined, query: undefined, persistedQuery: false };
  const { documentId, query, extensions } = body as Record<string, unknown>;
  const persistedQuery = typeof extensions === 'object' && extensions !== null && 'persistedQuery' in extensions;
  return { documentId: 'documentId' in body ? documentId : undefined, query, persistedQuery };
}

function getFields(search: URLSearchParams): DocumentFields {
  const ids = search.getAll('documentId');
  if (ids.length > 1) throw new GatewayError('BAD_REQUEST', 'documentId is given more than once.');
  // Only whether `extensions` mentions a persisted query: its JSON is Apollo Server's to read.
  return { documentId: ids[0], query: search.get('query') ?? undefined, persistedQuery: (search.get('extensions') ?? '').includes('persistedQuery') };
}
