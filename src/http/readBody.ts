import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../errors/index.ts';

/** Reads a request body as text, refusing more than `limitBytes` (PAYLOAD_TOO_LARGE) without buffering it. */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    throw new GatewayError('PAYLOAD_TOO_LARGE', `The request body is larger than ${limitBytes} bytes.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) {
      throw new GatewayError('PAYLOAD_TOO_LARGE', `The request body is larger than ${limitBytes} bytes.`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body; BAD_REQUEST with the parser's reason when it is malformed. */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) throw new GatewayError('BAD_REQUEST', 'The request body is empty; send a JSON GraphQL request.');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new GatewayError('BAD_REQUEST', `The request body is not valid JSON: ${(error as Error).message}`);
  }
}
