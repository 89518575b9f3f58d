/** Reconnect delays: 100 ms doubling to 5 s, each with ±20 % jitter so replicas do not reconnect in step. */
export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const defaultBackoff: Backoff = { initialMs: 100, maxMs: 5_000 };

/** The delay before reconnect attempt `attempt` (1-based). */
export function backoffDelay(attempt: number, backoff: Backoff = defaultBackoff, random: () => number = Math.random): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(base * (0.8 + 0.4 * random()));
}
