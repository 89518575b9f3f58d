/**
 * Waits for background work without a fixed sleep: calls `check` every `intervalMs` until it
 * returns something other than `undefined` or `false` (a throw counts as "not yet", except a
 * {@link GiveUp}, which ends the wait with it), and resolves with that value. Rejects after
 * `timeoutMs` (default 20 s: a bound for a failing test, not a timing window) naming `what` and
 * the last error `check` threw.
 */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
  what = 'condition',
  intervalMs = 50,
): Promise<Exclude<T, undefined | false>> {
  const until = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as Exclude<T, undefined | false>;
    } catch (error) {
      if (error instanceof GiveUp) throw error;
      lastError = error;
    }
    if (Date.now() > until) {
      const why = lastError === undefined ? '' : `; last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Thrown by a {@link waitFor} check to stop waiting at once (e.g. the process it waits for exited). */
export class GiveUp extends Error {
  override name = 'GiveUp';
}
