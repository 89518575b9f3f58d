import type { Dispatcher } from 'undici';
import { restConnectionErrorCodes } from './restStatusToCode.ts';

/** The response body was larger than allowed. */
export class TooLarge extends Error {
  override name = 'TooLarge';
}

/**
 * Reads an undici response body as UTF-8 text, at most `maxBytes`: past it the body is destroyed
 * (the connection is not reused) and {@link TooLarge} is thrown, so a huge answer never sits in memory.
 */
export async function readBoundedBody(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new TooLarge(`body larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Whether an undici request failed because the instance could not be reached (refused, reset, closed). */
export function isConnectionError(error: unknown): boolean {
  const code = errorCodeOf(error);
  return code !== undefined && (restConnectionErrorCodes.has(code) || code.startsWith('UND_ERR_SOCKET'));
}

/** The `code` of an error or of one of its causes (undici wraps socket errors). */
function errorCodeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_ABORTED') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
