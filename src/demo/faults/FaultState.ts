/** The fault modes an instance can be put in. */
export type FaultMode = 'ok' | 'down' | 'error' | 'slow' | 'flaky';

/** Every fault mode, for validation and messages. */
export const FAULT_MODES: readonly FaultMode[] = Object.freeze(['ok', 'down', 'error', 'slow', 'flaky']);

/**
 * One instance's fault, as a discriminated union: only `slow` has a latency (ms) and only `flaky`
 * a failure rate (0..1).
 */
export type FaultState =
  | { mode: 'ok' }
  | { mode: 'down' }
  | { mode: 'error' }
  | { mode: 'slow'; latencyMs: number }
  | { mode: 'flaky'; rate: number };

/** No fault. */
export const HEALTHY: FaultState = Object.freeze({ mode: 'ok' });

/** `slow` adds this many milliseconds unless told otherwise. */
export const DEFAULT_SLOW_LATENCY_MS = 2_000;
/** `flaky` fails this share of calls unless told otherwise. */
export const DEFAULT_FLAKY_RATE = 0.5;
/** Upper bound of `latencyMs`, in milliseconds. */
export const MAX_LATENCY_MS = 120_000;

/** True when both states mean the same behaviour. */
export function sameFault(a: FaultState, b: FaultState): boolean {
  if (a.mode !== b.mode) return false;
  if (a.mode === 'slow' && b.mode === 'slow') return a.latencyMs === b.latencyMs;
  if (a.mode === 'flaky' && b.mode === 'flaky') return a.rate === b.rate;
  return true;
}
