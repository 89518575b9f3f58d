/**
 * Admission and rate limits for gateway A under the benchmark: explicit and generous, so the
 * benchmark measures the gateway's throughput and latency, not its load shedding (503 OVERLOADED)
 * or a rate limit (429) meant for real callers (every bench connection is one demo user).
 */
export const benchAdmissionEnv: Readonly<Record<string, string>> = {
  // A fixed limit far above the bench's connections (min = max: the AIMD limit cannot fall).
  ADMISSION_MAX_IN_FLIGHT: '10000',
  ADMISSION_MIN_IN_FLIGHT: '10000',
  ADMISSION_EVENT_LOOP_P99_MS: '5000',
  // Rate limits at their largest accepted value (10 000 000; more fails the gateway's start-up).
  RATE_LIMIT_USER_PER_MIN: '10000000',
  RATE_LIMIT_ANONYMOUS_PER_MIN: '10000000',
  RATE_LIMIT_CLIENT_PER_SEC: '10000000',
  RATE_LIMIT_MUTATION_PER_MIN: '10000000',
  RATE_LIMIT_REQUEST_RIDE_PER_MIN: '10000000',
};
