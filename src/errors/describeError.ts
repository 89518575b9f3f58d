/**
 * A one-line account of a caught value for logs and event details: an `Error`'s message (its name
 * when the message is empty) plus its cause's system code when there is one, e.g.
 * `fetch failed (ECONNREFUSED)`; anything else as `String(value)`. Never throws on an `Error`.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const text = error.message || error.name;
  const cause: unknown = error.cause;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? cause.code : undefined;
  return typeof code === 'string' ? `${text} (${code})` : text;
}
