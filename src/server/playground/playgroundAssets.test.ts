import { createServer, type Server } from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlaygroundAssetsHandler, playgroundAssetUrl } from './playgroundAssets.ts';

let server: Server;
let base: string;
beforeAll(async () => {
  const handler = createPlaygroundAssetsHandler();
  server = createServer((req, res) => void handler(req, res).then((handled) => handled || res.writeHead(418).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('playground assets', () => {
  it('are named by their content and kept by browsers for a year; a revalidation is a 304', async () => {
    const url = playgroundAssetUrl('graphiql');
    expect(url).toMatch(/^\/playground\/assets\/graphiql\.[0-9a-f]{16}\.js$/);
    const first = await fetch(`${base}${url}`, { headers: { 'accept-encoding': 'identity' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(first.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const body = await first.text();
    expect(body).not.toMatch(/sourceMappingURL=\S+\s*$/);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(url).toContain(etag.slice(1, -1));
    const again = await fetch(`${base}${url}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('are sent brotli-compressed to a browser that takes it, a fifth of their size or less', async () => {
    const url = playgroundAssetUrl('graphiql');
    const plain = Buffer.from(await (await fetch(`${base}${url}`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
    // undici's fetch decodes what it asked for itself: ask through a raw request to see the bytes.
    const { request } = await import('undici');
    const compressed = await request(`${base}${url}`, { headers: { 'accept-encoding': 'br' } });
    expect(compressed.headers['content-encoding']).toBe('br');
    const bytes = Buffer.from(await compressed.body.arrayBuffer());
    expect(bytes.length).toBeLessThan(plain.length / 5);
    expect(brotliDecompressSync(bytes).equals(plain)).toBe(true);
  });

  it('an unknown or outdated name is a 404; other paths are not the handler’s', async () => {
    expect((await fetch(`${base}/playground/assets/graphiql.0000000000000000.js`)).status).toBe(404);
    expect((await fetch(`${base}/playground/assets/graphiql.min.js`)).status).toBe(404);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(418);
    expect((await fetch(`${base}/favicon.ico`)).headers.get('content-type')).toBe('image/svg+xml');
  });
});
