import { describe, expect, it } from 'vitest';
import { decideCaching } from './httpCaching.ts';

const publicFor60 = { maxAgeSeconds: 60, scope: 'PUBLIC' } as const;
const body = JSON.stringify({ data: { product: { id: 'p-1' } } });

describe('decideCaching', () => {
  it('a public GET answer: public, max-age and an ETag; If-None-Match naming it → 304', () => {
    const fresh = decideCaching('GET', publicFor60, 200, body, undefined);
    expect(fresh.headers['cache-control']).toBe('public, max-age=60');
    expect(fresh.headers.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(fresh.notModified).toBe(false);
    expect(decideCaching('GET', publicFor60, 200, body, fresh.headers.etag).notModified).toBe(true);
    expect(decideCaching('GET', publicFor60, 200, body, `"other", W/${fresh.headers.etag}`).notModified).toBe(true);
    expect(decideCaching('GET', publicFor60, 200, body, '"other"').notModified).toBe(false);
    expect(decideCaching('GET', publicFor60, 200, JSON.stringify({ data: { product: { id: 'p-2' } } }), fresh.headers.etag).notModified).toBe(false);
  });

  it('private, no-store: a per-user, degraded, failed or unhinted GET answer', () => {
    expect(decideCaching('GET', { maxAgeSeconds: 60, scope: 'PRIVATE' }, 200, body, undefined).headers).toEqual({ 'cache-control': 'private, no-store' });
    const degraded = JSON.stringify({ data: { product: null }, extensions: { degraded: [{ path: ['product', 'price'] }] } });
    expect(decideCaching('GET', publicFor60, 200, degraded, undefined).headers).toEqual({ 'cache-control': 'private, no-store' });
    const failed = JSON.stringify({ data: null, errors: [{ message: 'x' }] });
    expect(decideCaching('GET', publicFor60, 200, failed, undefined).headers['cache-control']).toBe('private, no-store');
    expect(decideCaching('GET', publicFor60, 400, body, undefined).headers['cache-control']).toBe('private, no-store');
    expect(decideCaching('GET', undefined, 200, body, undefined).headers['cache-control']).toBe('private, no-store');
    expect(decideCaching('GET', { maxAgeSeconds: 0, scope: 'PUBLIC' }, 200, body, undefined).headers['cache-control']).toBe('private, no-store');
  });

  it('a POST answer is no-store', () => {
    expect(decideCaching('POST', publicFor60, 200, body, undefined)).toEqual({ headers: { 'cache-control': 'no-store' }, notModified: false });
  });
});
