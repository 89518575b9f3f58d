import type { ServerResponse } from 'node:http';
import { errorCodes, type ErrorCode } from '../errors/index.ts';
import { sendJson } from '../http/sendJson.ts';

export { sendJson };

/** Writes a GraphQL-over-HTTP error response: `{"errors": [{message, extensions: {code}}]}` with the code's status. */
export function sendGraphQLError(res: ServerResponse, code: ErrorCode, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, errorCodes[code].status, { errors: [{ message, extensions: { code } }] }, headers);
}
