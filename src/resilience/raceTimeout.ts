/** How a {@link raceTimeout} ended. */
export type RaceOutcome<T> =
  | { readonly kind: 'value'; readonly value: T }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'aborted' };

/** Options of {@link raceTimeout}. */
export interface RaceTimeoutOptions {
  /** The caller's signal: its abort ends the race at once (`aborted`) and aborts the operation with its reason. Default: none. */
  readonly signal?: AbortSignal;
  /** The reason the operation's signal is aborted with on timeout. Default: the platform's `AbortError`. */
  readonly timeoutReason?: () => unknown;
}

/** setTimeout's largest delay, ms (about 24.8 days); longer ones would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Runs `operation` against a timer of `timeoutMs` (ms) and never rejects: resolves with its value,
 * its error, `timeout`, or `aborted` (the caller's signal). The operation's signal aborts only on
 * timeout or the caller's abort, never on success (the timer is cleared), so a successful call
 * builds no `AbortError`. The timeout waits one `setImmediate` after the timer fires: the timer can
 * fire late with the answer already on the socket when the event loop was busy, and setImmediate
 * runs after the loop's I/O phase, so an answer that has arrived wins and only silence times out.
 * The timer is unref'd (it never keeps the process alive).
 */
export function raceTimeout<T>(
  operation: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  options: RaceTimeoutOptions = {},
): Promise<RaceOutcome<T>> {
  const controller = new AbortController();
  const parent = options.signal;
  return new Promise<RaceOutcome<T>>((resolve) => {
    let done = false;
    const finish = (outcome: RaceOutcome<T>): boolean => {
      if (done) return false;
      done = true;
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
      resolve(outcome);
      return true;
    };
    const onParentAbort = (): void => {
      if (finish({ kind: 'aborted' })) controller.abort(parent?.reason);
    };
    const timer = setTimeout(
      () =>
        setImmediate(() => {
          if (finish({ kind: 'timeout' })) controller.abort(options.timeoutReason?.());
        }),
      Math.min(Math.max(0, timeoutMs), MAX_TIMER_MS),
    );
    timer.unref();
    if (parent !== undefined) {
      if (parent.aborted) {
        onParentAbort();
        return;
      }
      parent.addEventListener('abort', onParentAbort, { once: true });
    }
    let pending: Promise<T>;
    try {
      pending = operation(controller.signal);
    } catch (error) {
      finish({ kind: 'error', error });
      return;
    }
    pending.then(
      (value) => finish({ kind: 'value', value }),
      (error: unknown) => finish({ kind: 'error', error }),
    );
  });
}
