import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SideHandler } from '../createRequestHandler.ts';

const require = createRequire(import.meta.url);

/** The playground's files, shipped in npm packages: nothing is fetched from a CDN. */
const assets: Readonly<Record<string, { pkg: string; file: string; type: string }>> = {
  'react.production.min.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.production.min.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.min.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.min.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

/** A file inside a package, found through its package.json (`exports` may not list the UMD builds). */
function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

const prefix = '/playground/assets/';

/** The playground's icon (a map pin), inline: also answered at `/favicon.ico`, which browsers ask for on their own. */
const favicon = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path fill="#e10098" d="M16 2a10 10 0 0 0-10 10c0 7.5 10 18 10 18s10-10.5 10-18A10 10 0 0 0 16 2z"/><circle cx="16" cy="12" r="4" fill="#fff"/></svg>',
);
const faviconPaths = new Set(['/favicon.ico', `${prefix}favicon.svg`]);

/**
 * Serves the playground's static files from `/playground/assets/<name>`, read once and cached for a
 * day, and its icon at `/favicon.ico` too.
 */
export function createPlaygroundAssetsHandler(): SideHandler {
  const cache = new Map<string, Buffer>();
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (faviconPaths.has(path)) {
      res.writeHead(200, { 'content-type': 'image/svg+xml', 'content-length': favicon.length, 'cache-control': 'public, max-age=86400' }).end(favicon);
      return true;
    }
    if (!path.startsWith(prefix)) return false;
    const name = path.slice(prefix.length);
    const asset = assets[name];
    if (!asset) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('No such playground asset.');
      return true;
    }
    let body = cache.get(name);
    if (!body) {
      body = readFileSync(packageFile(asset.pkg, asset.file));
      cache.set(name, body);
    }
    res.writeHead(200, { 'content-type': `${asset.type}; charset=utf-8`, 'cache-control': 'public, max-age=86400' }).end(body);
    return true;
  };
}
