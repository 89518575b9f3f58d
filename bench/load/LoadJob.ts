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
}
