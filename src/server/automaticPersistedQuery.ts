import { createHash } from 'node:crypto';
import { GatewayError } from '../errors/index.ts';

/** Where automatic persisted queries are kept (src/cache's PersistedQueryStore): texts by sha256. */
export interface PersistedQueries {
  /** The text registered under the hash; undefined when unknown. Never rejects. */
  lookup(sha256Hex: string): Promise<string | undefined>;
  /** Registers a text under its hash; false when not kept. Never rejects. */
  register(sha256Hex: string, query: string): Promise<boolean>;
}

/** A GraphQL-over-HTTP request with its automatic persisted query resolved to text. */
export interface ResolvedHttpRequest {
  /** The POST body, with `query` set and the `persistedQuery` extension removed; unchanged without APQ. */
  readonly body: unknown;
  /** The GET search (`?query=...`), rewritten the same way; unchanged without APQ. */
  readonly search: string;
  /** Registers the query under its hash: call it once the edge's limits admitted it. Absent: nothing to register. */
  readonly register?: () => Promise<boolean>;
}

const sha256Pattern = /^[0-9a-f]{64}$/;

/**
 * Resolves Apollo's automatic persisted queries at the edge, before the limits run, so that a
 * hash stands for a text the guard then checks exactly as if it had been sent: a hash-only request
 * is checked, cost with its own variables included, like any other. `extensions.persistedQuery`
 * is `{ version: 1, sha256Hash }`; with the text too, the hash must be the text's (else
 * BAD_REQUEST) and the text is registered once admitted; with the hash only, the registered text
 * is used, else PERSISTED_QUERY_NOT_FOUND. Apollo Server then sees a plain request (its own APQ
 * stays off). `store` undefined (APQ off for this client): PERSISTED_QUERY_NOT_SUPPORTED.
 * Throws GatewayError BAD_REQUEST, PERSISTED_QUERY_NOT_FOUND or PERSISTED_QUERY_NOT_SUPPORTED.
 */
export async function resolveAutomaticPersistedQuery(
  method: string,
  body: unknown,
  search: string,
  store: PersistedQueries | undefined,
): Promise<ResolvedHttpRequest> {
  const params = method === 'GET' ? new URLSearchParams(search.startsWith('?') ? search.slice(1) : search) : undefined;
  const fields = params ? undefined : typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const extensions = params ? parseExtensionsParam(params.get('extensions')) : fields?.extensions;
  if (typeof extensions !== 'object' || extensions === null || Array.isArray(extensions) || !('persistedQuery' in extensions)) {
    return { body, search };
  }
  if (!store) throw new GatewayError('PERSISTED_QUERY_NOT_SUPPORTED', 'Automatic persisted queries are off for this client; send the query text.');
  const { persistedQuery, ...otherExtensions } = extensions as Record<string, unknown>;
  const hash = sha256HashOf(persistedQuery);
  const sent = params ? (params.get('query') ?? undefined) : fields?.query;
  if (sent !== undefined && typeof sent !== 'string') throw new GatewayError('BAD_REQUEST', '"query" must be a string.');
  let query: string;
  let register: (() => Promise<boolean>) | undefined;
  if (sent !== undefined) {
    if (createHash('sha256').update(sent).digest('hex') !== hash) {
      throw new GatewayError('BAD_REQUEST', 'provided sha does not match query');
    }
    query = sent;
    register = () => store.register(hash, sent);
  } else {
    const known = await store.lookup(hash);
    if (known === undefined) throw new GatewayError('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound');
    query = known;
  }
  const hasOtherExtensions = Object.keys(otherExtensions).length > 0;
  if (params) {
    params.set('query', query);
    if (hasOtherExtensions) params.set('extensions', JSON.stringify(otherExtensions));
    else params.delete('extensions');
    return { body, search: `?${params.toString()}`, ...(register ? { register } : {}) };
  }
  const { extensions: _dropped, ...rest } = fields ?? {};
  return { body: { ...rest, query, ...(hasOtherExtensions ? { extensions: otherExtensions } : {}) }, search, ...(register ? { register } : {}) };
}

/** `extensions.persistedQuery.sha256Hash`, checked: version 1 and 64 lowercase hex digits (BAD_REQUEST otherwise). */
function sha256HashOf(persistedQuery: unknown): string {
  const { version, sha256Hash } = (typeof persistedQuery === 'object' && persistedQuery !== null ? persistedQuery : {}) as Record<string, unknown>;
  if (version !== 1) throw new GatewayError('BAD_REQUEST', 'Unsupported persisted query version; send extensions.persistedQuery.version 1.');
  if (typeof sha256Hash !== 'string' || !sha256Pattern.test(sha256Hash)) {
    throw new GatewayError('BAD_REQUEST', 'extensions.persistedQuery.sha256Hash must be 64 lowercase hexadecimal digits.');
  }
  return sha256Hash;
}

/** A GET's `extensions` search parameter, parsed (BAD_REQUEST when it is not JSON). */
function parseExtensionsParam(text: string | null): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new GatewayError('BAD_REQUEST', 'The "extensions" search parameter is not valid JSON.');
  }
}
