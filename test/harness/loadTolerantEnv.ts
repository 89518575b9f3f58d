/**
 * For whole-system tests about something other than deadlines (discovery, lifecycle) that assert
 * "no query fails": a deadline and attempt caps generous enough that CI's two shared cores, busy
 * starting processes, cannot turn a stalled call into a failure the test is not about.
 */
export const loadTolerantEnv: Readonly<Record<string, string>> = {
  DEADLINE_MS: '4000',
  ATTEMPT_TIMEOUT_MS: '3000',
};
