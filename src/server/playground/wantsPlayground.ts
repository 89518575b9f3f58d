import type { IncomingMessage } from 'node:http';

/** A browser navigating to the endpoint (GET asking for HTML, no GraphQL query in the URL). */
export function wantsPlayground(req: IncomingMessage): boolean {
  if (req.method !== 'GET') return false;
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html') && !/[?&]query=/.test(req.url ?? '');
}
