import { createHash } from 'node:crypto';

/** How long, and for whom, an answer may be cached: the minimum over the fields it selected. */
export interface CachePolicy {
  /** Seconds; 0: not cacheable. */
  readonly maxAgeSeconds: number;
  /** PUBLIC: the same for everyone (shared caches may keep it); PRIVATE: depends on the viewer. */
  readonly scope: 'PUBLIC' | 'PRIVATE';
}

/** The headers of a GraphQL answer, and whether it is a 304 (sent with no body). */
export interface CachingDecision {
  readonly headers: Readonly<Record<string, string>>;
  readonly notModified: boolean;
}

/** What neither a browser nor a shared cache may keep. */
export const noStore = 'private, no-store';

/**
 * The caching headers of one answer. A GET whose answer is public (policy PUBLIC with a max-age,
 * status 200, no errors, not degraded) gets `Cache-Control: public, max-age=N` and an `ETag` (sha256
 * of the body); an `If-None-Match` naming that ETag makes it a 304. Every other GET answer (per
 * user, degraded, an error, no policy) is `private, no-store`; a POST answer is `no-store`.
 */
export function decideCaching(
  method: string,
  policy: CachePolicy | undefined,
  status: number,
  body: string,
  ifNoneMatch: string | undefined,
): CachingDecision {
  if (method !== 'GET') return { headers: { 'cache-control': 'no-store' }, notModified: false };
  if (!policy || policy.scope !== 'PUBLIC' || policy.maxAgeSeconds <= 0 || status !== 200 || !isCleanAnswer(body)) {
    return { headers: { 'cache-control': noStore }, notModified: false };
  }
  const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
  const headers = { 'cache-control': `public, max-age=${policy.maxAgeSeconds}`, etag, vary: 'accept' };
  return { headers, notModified: ifNoneMatch !== undefined && matchesEtag(ifNoneMatch, etag) };
}

/** Whether an answer has data, no errors and no degraded fields (served from a fallback). */
function isCleanAnswer(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { errors?: unknown; extensions?: { degraded?: unknown } };
    return parsed.errors === undefined && parsed.extensions?.degraded === undefined;
  } catch {
    return false;
  }
}

/** `If-None-Match`: `*`, or a list of (possibly weak) ETags, one of them ours. */
function matchesEtag(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
