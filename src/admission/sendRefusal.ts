import type { ServerResponse } from 'node:http';
import { errorCodes } from '../errors/index.ts';
import type { Refusal } from './Refusal.ts';

/**
 * Answers a refused request: the code's status (503 OVERLOADED, 429 RATE_LIMITED), `Retry-After`
 * in seconds, and the GraphQL-over-HTTP error body `{"errors":[{message, extensions: {code}}]}`.
 * The request body is never read; Node discards it so the connection can be reused.
 */
export function sendRefusal(res: ServerResponse, refusal: Refusal): void {
  const text = JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
  res.writeHead(errorCodes[refusal.code].status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'retry-after': String(Math.max(1, Math.ceil(refusal.retryAfterSeconds))),
  });
  res.end(text);
}
