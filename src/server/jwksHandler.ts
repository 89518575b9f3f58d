import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IdentityTokens } from '../auth/index.ts';
import type { SideHandler } from './createRequestHandler.ts';

/** Where the identity tokens' public keys are served (RFC 8414's well-known location for a JWKS). */
export const JWKS_PATH = '/.well-known/jwks.json';

/**
 * Serves the public keys of the identity tokens remote subgraphs receive, so a subgraph verifies
 * them (e.g. jose's `createRemoteJWKSet`) and can never sign one. Empty with a demo HS256 secret.
 */
export function createJwksHandler(identity: IdentityTokens): SideHandler {
  const body = JSON.stringify(identity.jwks());
  return async (req: IncomingMessage, res: ServerResponse) => {
    if ((req.url ?? '').split('?', 1)[0] !== JWKS_PATH) return false;
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=300', 'content-length': Buffer.byteLength(body) }).end(body);
    return true;
  };
}
