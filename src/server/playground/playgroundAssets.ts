import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SideHandler } from '../createRequestHandler.ts';

const require = createRequire(import.meta.url);

/** The playground's files, shipped in npm packages: nothing is fetched from a CDN. */
const assets: Readonly<Record<string, { module: string; type: string }>> = {
  'react.production.min.js': { module: 'react/umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.production.min.js': { module: 'react-dom/umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.min.js': { module: 'graphiql/graphiql.min.js', type: 'text/javascript' },
  'graphiql.min.css': { module: 'graphiql/graphiql.min.css', type: 'text/css' },
};

const prefix = '/playground/assets/';

/** Serves the playground's static files from `/playground/assets/<name>`, read once and cached for a day. */
export function createPlaygroundAssetsHandler(): SideHandler {
  const cache = new Map<string, Buffer>();
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (!path.startsWith(prefix)) return false;
    const name = path.slice(prefix.length);
    const asset = assets[name];
    if (!asset) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('No such playground asset.');
      return true;
    }
    let body = cache.get(name);
    if (!body) {
      body = readFileSync(require.resolve(asset.module));
      cache.set(name, body);
    }
    res.writeHead(200, { 'content-type': `${asset.type}; charset=utf-8`, 'cache-control': 'public, max-age=86400' }).end(body);
    return true;
  };
}
