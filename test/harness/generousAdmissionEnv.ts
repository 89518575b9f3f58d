/**
 * Admission and rate limits for whole-system tests about something else: explicit and generous
 * enough that no test is shed (503 OVERLOADED) or rate-limited (429) by accident on CI's two busy
 * cores. `startSystem` applies them unless the test sets a variable itself (a value of `undefined`
 * drops it, so the gateway's own default applies: see test/admission.test.ts).
 */
export const generousAdmissionEnv: Readonly<Record<string, string>> = {
  // A fixed limit far above any test's concurrency (min = max: the AIMD limit cannot fall).
  ADMISSION_MAX_IN_FLIGHT: '10000',
  ADMISSION_MIN_IN_FLIGHT: '10000',
  // The loop must lag 5 s at p99 for 3 s in a row: never, short of a hung process.
  ADMISSION_EVENT_LOOP_P99_MS: '5000',
  RATE_LIMIT_USER_PER_MIN: '1000000',
  RATE_LIMIT_ANONYMOUS_PER_MIN: '1000000',
  RATE_LIMIT_CLIENT_PER_SEC: '1000000',
  RATE_LIMIT_MUTATION_PER_MIN: '1000000',
  RATE_LIMIT_REQUEST_RIDE_PER_MIN: '1000000',
};
