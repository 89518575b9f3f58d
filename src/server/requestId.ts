import { randomUUID } from 'node:crypto';

/** A caller's own request id is kept when it looks like one (so traces join across hops); anything else is replaced. */
const acceptable = /^[\w.:-]{8,128}$/;

/** The id of one request: the caller's `x-request-id` when well-formed, else a fresh UUID. Sent to remote subgraphs and answered back. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && acceptable.test(header) ? header : randomUUID();
}
