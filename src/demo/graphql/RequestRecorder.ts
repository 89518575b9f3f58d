import type { IncomingHttpHeaders } from 'node:http';

/** One request as the service received it (demo mode's `GET /debug/last-requests`). */
export interface RecordedRequest {
  /** When it arrived, ISO timestamp. */
  readonly at: string;
  readonly method: string;
  readonly path: string;
  /** Every header as received (names lower case). */
  readonly headers: Readonly<IncomingHttpHeaders>;
  /** The operation's name and text (at most 2 000 characters), once the body is read. */
  operationName?: string;
  query?: string;
}

/** Characters of an operation's text kept per recorded request. */
const MAX_QUERY_CHARS = 2_000;

/**
 * The last `capacity` requests' headers, newest last, so a test can check what a gateway sent
 * (a deadline, a request id, an identity token, never the client's Authorization). Demo mode only.
 */
export class RequestRecorder {
  readonly #capacity: number;
  readonly #entries: RecordedRequest[] = [];
  readonly #now: () => number;

  /** @param capacity requests kept (≥ 1). */
  constructor(capacity: number, now: () => number = Date.now) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`RequestRecorder: capacity must be an integer ≥ 1; got ${capacity}`);
    this.#capacity = capacity;
    this.#now = now;
  }

  /** Records a request's arrival; the returned entry takes the operation once known. */
  record(method: string, path: string, headers: IncomingHttpHeaders): RecordedRequest {
    const entry: RecordedRequest = { at: new Date(this.#now()).toISOString(), method, path, headers: { ...headers } };
    this.#entries.push(entry);
    if (this.#entries.length > this.#capacity) this.#entries.shift();
    return entry;
  }

  /** Adds the operation to a recorded entry. */
  static describe(entry: RecordedRequest, query: string, operationName: string | undefined): void {
    entry.query = query.length > MAX_QUERY_CHARS ? `${query.slice(0, MAX_QUERY_CHARS)}…` : query;
    if (operationName !== undefined) entry.operationName = operationName;
  }

  /** The recorded requests, oldest first. */
  entries(): readonly RecordedRequest[] {
    return [...this.#entries];
  }

  /** Forgets every recorded request. */
  clear(): void {
    this.#entries.length = 0;
  }
}
