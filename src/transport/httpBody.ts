import type { Dispatcher } from 'undici';
import { restConnectionErrorCodes } from './restStatusToCode.ts';

/** The response body was larger than allowed. */
export class TooLarge extends Error {
  override name = 'TooLarge';
}

/**
 * Reads an undici response body as UTF-8 text, at most `maxBytes`: past it the body is destroyed
 * (the connection is not reused) and {@link TooLarge} is thrown, so a huge answer never sits in memory.
 * Collected from `data` events: an async iterator per body costs more than the read itself.
 */
export function readBoundedBody(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        body.destroy();
        reject(new TooLarge(`body larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    body.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    body.once('error', reject);
  });
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
