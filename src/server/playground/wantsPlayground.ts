import type { IncomingMessage } from 'node:http';

/** A browser navigating to the endpoint (GET asking for HTML, no GraphQL query in the URL). */
export function wantsPlayground(req: IncomingMessage): boolean {
  if (req.method !== 'GET') return false;
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html') && !/[?&]query=/.test(req.url ?? '');
}

/**
 * The playground page's Content-Security-Policy: scripts, styles and connections (HTTP and the
 * WebSocket of subscriptions) to this gateway only; GraphiQL's inline styles and its fonts (data URLs).
 */
export const playgroundContentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
