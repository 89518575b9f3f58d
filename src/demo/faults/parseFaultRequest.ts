import { DEFAULT_FLAKY_RATE, DEFAULT_SLOW_LATENCY_MS, FAULT_MODES, MAX_LATENCY_MS } from './FaultState.ts';
import type { FaultMode, FaultState } from './FaultState.ts';

/** A validated `PUT /faults/<service>` body. */
export interface FaultRequest {
  fault: FaultState;
  /** Only this instance; all of the service's instances when absent. */
  instance?: string;
}

/** The outcome of {@link parseFaultRequest}: the request, or why it is bad (a 400). */
export type FaultRequestResult = { ok: true; request: FaultRequest } | { ok: false; message: string };

/**
 * Validates `{"mode", "latencyMs"?, "rate"?, "instance"?}`. `latencyMs` is an integer 0..120000
 * (default 2000) and `rate` a number 0..1 (default 0.5); each is checked whenever given, and only
 * kept for the mode it applies to.
 */
export function parseFaultRequest(body: unknown): FaultRequestResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, message: 'body must be a JSON object like {"mode":"down"}' };
  }
  const { mode, latencyMs, rate, instance } = body as Record<string, unknown>;
  if (typeof mode !== 'string' || !(FAULT_MODES as readonly string[]).includes(mode)) {
    return { ok: false, message: `mode must be one of ${FAULT_MODES.join(', ')}; got ${JSON.stringify(mode)}` };
  }
  if (latencyMs !== undefined && (typeof latencyMs !== 'number' || !Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > MAX_LATENCY_MS)) {
    return { ok: false, message: `latencyMs must be an integer 0..${MAX_LATENCY_MS}; got ${JSON.stringify(latencyMs)}` };
  }
  if (rate !== undefined && (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 1)) {
    return { ok: false, message: `rate must be a number 0..1; got ${JSON.stringify(rate)}` };
  }
  if (instance !== undefined && (typeof instance !== 'string' || instance === '')) {
    return { ok: false, message: `instance must be a non-empty string; got ${JSON.stringify(instance)}` };
  }
  const fault = toFault(mode as FaultMode, latencyMs as number | undefined, rate as number | undefined);
  return { ok: true, request: instance === undefined ? { fault } : { fault, instance: instance as string } };
}

function toFault(mode: FaultMode, latencyMs: number | undefined, rate: number | undefined): FaultState {
  switch (mode) {
    case 'slow':
      return { mode, latencyMs: latencyMs ?? DEFAULT_SLOW_LATENCY_MS };
    case 'flaky':
      return { mode, rate: rate ?? DEFAULT_FLAKY_RATE };
    case 'ok':
    case 'down':
    case 'error':
      return { mode };
  }
}
