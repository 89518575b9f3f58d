import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { SideHandler } from '../createRequestHandler.ts';

const require = createRequire(import.meta.url);
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** The playground's files: GraphiQL and React from their npm packages, ours beside this file. Nothing comes from a CDN. */
const sources = {
  react: { path: () => packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom': { path: () => packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  graphiql: { path: () => packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql-css': { path: () => packageFile('graphiql', 'graphiql.min.css'), type: 'text/css' },
  playground: { path: () => fileURLToPath(new URL('browser/playground.js', import.meta.url)), type: 'text/javascript' },
  'playground-css': { path: () => fileURLToPath(new URL('browser/playground.css', import.meta.url)), type: 'text/css' },
} as const;

/** A playground asset by its role. */
export type PlaygroundAssetName = keyof typeof sources;

/** A file inside a package, found through its package.json (`exports` may not list the UMD builds). */
function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

const prefix = '/playground/assets/';

interface Asset {
  readonly url: string;
  readonly type: string;
  readonly etag: string;
  readonly body: Buffer;
  /** Compressed once, off the event loop (zlib's thread pool), on first demand. */
  brotli?: Promise<Buffer>;
  gzip?: Promise<Buffer>;
}

let loaded: Map<PlaygroundAssetName, Asset> | undefined;

/**
 * Every asset, read once per process: each is served under a name carrying its content's hash
 * (`graphiql.3f2a….js`), so a browser may keep it for a year and a new release is a new name.
 */
function assets(): Map<PlaygroundAssetName, Asset> {
  if (loaded) return loaded;
  loaded = new Map(
    (Object.keys(sources) as PlaygroundAssetName[]).map((name) => {
      const source = sources[name];
      // A library's trailing source-map comment would send devtools after a file we do not serve.
      const body = Buffer.from(readFileSync(source.path(), 'utf8').replace(/\n\/[/*]# sourceMappingURL=\S+\s*$/, '\n'));
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
      const extension = source.type === 'text/css' ? 'css' : 'js';
      return [name, { url: `${prefix}${name.replace(/-css$/, '')}.${hash}.${extension}`, type: source.type, etag: `"${hash}"`, body }];
    }),
  );
  return loaded;
}

/** The URL each asset is served at (its name carries its hash). */
export function playgroundAssetUrl(name: PlaygroundAssetName): string {
  return (assets().get(name) as Asset).url;
}

/** The playground's icon (a map pin), inline: also answered at `/favicon.ico`, which browsers ask for on their own. */
const favicon = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path fill="#e10098" d="M16 2a10 10 0 0 0-10 10c0 7.5 10 18 10 18s10-10.5 10-18A10 10 0 0 0 16 2z"/><circle cx="16" cy="12" r="4" fill="#fff"/></svg>',
);
const faviconPaths = new Set(['/favicon.ico', `${prefix}favicon.svg`]);

/** Which encoding of an asset to send, from `Accept-Encoding` (brotli first). */
function encodingFor(req: IncomingMessage): 'br' | 'gzip' | undefined {
  const accepted = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepted)) return 'br';
  if (/\bgzip\b/.test(accepted)) return 'gzip';
  return undefined;
}

async function encoded(asset: Asset, encoding: 'br' | 'gzip' | undefined): Promise<Buffer> {
  if (encoding === 'br') return (asset.brotli ??= brotli(asset.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: asset.body.length } }));
  if (encoding === 'gzip') return (asset.gzip ??= gzipped(asset.body, { level: 9 }));
  return asset.body;
}

/**
 * Serves the playground's static files from `/playground/assets/<name>.<hash>.<ext>`: immutable for
 * a year, with an `ETag` (a revalidation is a 304), brotli or gzip when the browser takes it. An
 * unknown or stale name is 404. The icon is also answered at `/favicon.ico`.
 */
export function createPlaygroundAssetsHandler(): SideHandler {
  const byUrl = new Map([...assets().values()].map((asset) => [asset.url, asset]));
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (faviconPaths.has(path)) {
      res.writeHead(200, { 'content-type': 'image/svg+xml', 'content-length': favicon.length, 'cache-control': 'public, max-age=86400' }).end(favicon);
      return true;
    }
    if (!path.startsWith(prefix)) return false;
    const asset = byUrl.get(path);
    if (!asset) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('No such playground asset (reload the page: assets are named by their content).');
      return true;
    }
    const headers = { 'cache-control': 'public, max-age=31536000, immutable', etag: asset.etag, vary: 'accept-encoding' };
    if (req.headers['if-none-match'] === asset.etag) {
      res.writeHead(304, headers).end();
      return true;
    }
    const encoding = encodingFor(req);
    const body = await encoded(asset, encoding);
    res.writeHead(200, { ...headers, 'content-type': `${asset.type}; charset=utf-8`, 'content-length': body.length, ...(encoding ? { 'content-encoding': encoding } : {}) });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
