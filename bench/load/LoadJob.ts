/** One HTTP request the load generator repeats. */
export interface LoadRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** A run of steady load: `connections` keep-alive connections, each sending the next request as soon as the last answered. */
export interface LoadJob {
  readonly request: LoadRequest;
  readonly connections: number;
  /** Seconds. */
  readonly duration: number;
  /**
   * One `Authorization` value per connection (round robin when fewer), so that each connection is
   * its own session, as real traffic is: no two requests in flight carry the same headers.
   */
  readonly authorizations?: readonly string[];
  /**
   * Classify every answer ({@link LoadOutcomes}: complete, refused, failed; latency of complete
   * answers). Off by default: it parses each body, which costs the generator CPU the other modes
   * do not need to spend.
   */
  readonly outcomes?: boolean;
}

/** Every answer of a run, by what the caller got (filled when the job asked for `outcomes`). */
export interface LoadOutcomes {
  /** HTTP 200 with a JSON body without `errors` and without `extensions.degraded`: what the caller wanted. */
  readonly complete: number;
  /** 503 whose body's code is `OVERLOADED` and that carries `Retry-After`: shed at the door. */
  readonly overloaded: number;
  /** 429 (rate limited). */
  readonly rateLimited: number;
  /** HTTP 200 whose body carries GraphQL `errors` (part of the answer missing). */
  readonly errorAnswers: number;
  /** HTTP 200 without `errors` but with `extensions.degraded` (a fallback served). */
  readonly degradedAnswers: number;
  /** Any other answer: another status, a 503 that is not OVERLOADED or lacks Retry-After, a body that is not JSON. */
  readonly otherAnswers: number;
  /** Statuses of the other answers, with counts (e.g. `{ "504": 3 }`). */
  readonly otherStatuses: Readonly<Record<string, number>>;
  /** Latency of complete answers, ms (absent when there were none: JSON has no NaN). */
  readonly completeP50?: number;
  readonly completeP99?: number;
  /** Latency of the 503 OVERLOADED refusals, ms (absent when there were none): how cheap shedding is. */
  readonly overloadedP50?: number;
  readonly overloadedP99?: number;
}

/** What one run measured. */
export interface LoadResult {
  /** Answers received (any status). */
  readonly requests: number;
  /** Requests sent: the answers plus those still in flight when the run ended. */
  readonly sent: number;
  /** Wall-clock seconds the run took. */
  readonly seconds: number;
  readonly requestsPerSecond: number;
  /** Latency percentiles, milliseconds. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Connection errors and timeouts. */
  readonly socketErrors: number;
  /** Answers with a status outside 2xx. */
  readonly non2xx: number;
  /** 2xx answers whose body carries GraphQL `errors`. */
  readonly errorBodies: number;
  /** 2xx answers that say part of them is degraded (`extensions.degraded`: a fallback served). */
  readonly degradedBodies: number;
  /** Every answer classified, when the job asked for it. */
  readonly outcomes?: LoadOutcomes;
}
