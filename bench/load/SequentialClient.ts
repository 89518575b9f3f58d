import { Client } from 'undici';

/** One request of a {@link SequentialClient}. */
export interface TimedRequest {
  /** Path on the origin, e.g. `/web/graphql`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** A POST body (JSON text). */
  readonly body: string;
}

/** What came back, and how long it took as the caller saw it. */
export interface TimedAnswer {
  readonly status: number;
  readonly body: string;
  /** From sending the request to having read the whole body, ms. */
  readonly ms: number;
}

/** Longest wait for one answer, ms: a request loop must never hang on a stuck server. */
const answerTimeoutMs = 10_000;

/**
 * One keep-alive connection to one origin, one request at a time: latency as a single caller sees
 * it, with no queueing behind other requests of the bench (what refusal timings need; steady load
 * goes through autocannon instead).
 */
export class SequentialClient {
  readonly #client: Client;

  /** `origin`: e.g. `http://127.0.0.1:41234` (loopback only). */
  constructor(origin: string) {
    this.#client = new Client(origin, { pipelining: 1, headersTimeout: answerTimeoutMs, bodyTimeout: answerTimeoutMs });
  }

  /** POSTs one request and reads the whole answer; rejects on a connection error or a timeout. */
  async post(request: TimedRequest): Promise<TimedAnswer> {
    const started = performance.now();
    const response = await this.#client.request({ path: request.path, method: 'POST', headers: request.headers, body: request.body });
    const body = await response.body.text();
    return { status: response.statusCode, body, ms: performance.now() - started };
  }

  async close(): Promise<void> {
    await this.#client.close();
  }
}
