import type { ServerResponse } from 'node:http';
import { errorCodes, type ErrorCode } from '../errors/index.ts';

/** Writes a JSON body with a status. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Writes a GraphQL-over-HTTP error response: `{"errors": [{message, extensions: {code}}]}` with the code's status. */
export function sendGraphQLError(res: ServerResponse, code: ErrorCode, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, errorCodes[code].status, { errors: [{ message, extensions: { code } }] }, headers);
}
