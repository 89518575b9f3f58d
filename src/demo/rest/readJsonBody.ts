import type { IncomingMessage } from 'node:http';
import { HttpError } from './HttpError.ts';

/**
 * Reads a request's JSON body: `undefined` for GET/HEAD and for an empty body. `maxBytes` bounds
 * what is buffered; `invalid` is the 400 message for a body that is not JSON.
 * @throws HttpError 400 `BAD_REQUEST` (not JSON) or 413 `PAYLOAD_TOO_LARGE` (over `maxBytes`).
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number, invalid = 'body is not valid JSON'): Promise<unknown> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `body larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', invalid);
  }
}
