import type { ServerResponse } from 'node:http';

/**
 * Writes `body` as a JSON answer with `status` and extra `headers`; does nothing when the
 * connection is gone or an answer already started (a late error must not throw over a sent one).
 * Imports nothing but Node, so the gateway's edge, the registry API and the demo fleet share it.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
