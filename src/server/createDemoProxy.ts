import type { IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'undici';
import { readBody } from '../http/readBody.ts';
import type { SideHandler } from './createRequestHandler.ts';
import { sendJson } from './sendJson.ts';

/** Methods forwarded to the fleet's fault control as they came. */
const forwardedMethods = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH'] as const;

const proxied = /^\/demo\/(faults|stats|instances)(\/[A-Za-z0-9_\-/]*)?$/;

/**
 * Demo mode only: forwards `/demo/faults…`, `/demo/stats…` and `/demo/instances` to the fleet's
 * fault control, so the playground can drive faults same-origin. `controlUrl()` is undefined until
 * the fleet is up (503 meanwhile).
 */
export function createDemoProxy(controlUrl: () => string | undefined): SideHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const [path, search] = (req.url ?? '/').split('?', 2);
    const match = proxied.exec(path ?? '');
    if (!match) return false;
    const base = controlUrl();
    if (!base) {
      sendJson(res, 503, { error: { code: 'SERVICE_UNAVAILABLE', message: 'The demo fleet is not running.' } });
      return true;
    }
    // Forwarded with its own method (a DELETE stays a DELETE: the fleet answers 405 for what it lacks).
    const method = forwardedMethods.find((known) => known === req.method);
    if (!method) {
      // Like a GraphQL path asked with another method: BAD_REQUEST naming the ones allowed.
      sendJson(res, 400, { error: { code: 'BAD_REQUEST', message: `The demo proxy forwards ${forwardedMethods.join(', ')}, not ${req.method}.` } }, {
        allow: forwardedMethods.join(', '),
      });
      return true;
    }
    const body = method === 'GET' ? undefined : await readBody(req, 16_384);
    try {
      const upstream = await request(`${base}/${match[1]}${match[2] ?? ''}${search ? `?${search}` : ''}`, {
        method,
        body,
        headers: { 'content-type': 'application/json' },
        headersTimeout: 5_000,
        bodyTimeout: 5_000,
      });
      const text = await upstream.body.text();
      res.writeHead(upstream.statusCode, { 'content-type': 'application/json; charset=utf-8' });
      res.end(text);
    } catch {
      sendJson(res, 502, { error: { code: 'UPSTREAM_ERROR', message: 'The demo fleet did not answer.' } });
    }
    return true;
  };
}
