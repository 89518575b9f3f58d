/** The header in which a gateway sends the time a call has left, in milliseconds. */
export const DEADLINE_HEADER = 'x-request-deadline-ms';

/**
 * The remaining milliseconds a request's `x-request-deadline-ms` grants: `undefined` without the
 * header, `'invalid'` for a value that is not a non-negative number.
 */
export function readDeadlineHeader(value: string | string[] | undefined): number | undefined | 'invalid' {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(text)) return 'invalid';
  return Number(text);
}
