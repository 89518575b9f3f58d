import type { ServerResponse } from 'node:http';
import type { FaultGate } from './FaultGate.ts';

/** An injected failure as an HTTP service answers it. */
export interface InjectedFailure {
  /** 503 for `flaky` (transient, worth a retry), 500 for `error` (broken). */
  status: 500 | 503;
  code: 'UNAVAILABLE' | 'INTERNAL';
  message: string;
}

/** The fate of one HTTP call at the gate. */
export type GateOutcome =
  | { kind: 'serve' }
  | { kind: 'fail'; failure: InjectedFailure }
  /** The caller's deadline passed during an injected delay (the delay was cut short there). */
  | { kind: 'deadline' }
  /** The connection went away during an injected delay: nothing to answer. */
  | { kind: 'gone' };

const SERVE: GateOutcome = Object.freeze({ kind: 'serve' });

/**
 * Applies an instance's fault to one node:http call, the same way for every HTTP service: fails
 * it, or waits the injected latency (no longer than until `deadlineAtMs`, epoch ms) before serving.
 * The caller answers a failure in its own body format.
 */
export async function passFaultGate(gate: FaultGate, res: ServerResponse, deadlineAtMs = Number.POSITIVE_INFINITY, now: () => number = Date.now): Promise<GateOutcome> {
  const decision = gate.decide();
  if (decision.kind === 'fail') {
    const flaky = gate.state.mode === 'flaky';
    return {
      kind: 'fail',
      failure: { status: flaky ? 503 : 500, code: flaky ? 'UNAVAILABLE' : 'INTERNAL', message: `injected fault: ${gate.state.mode}` },
    };
  }
  if (decision.delayMs <= 0) return SERVE;
  const waitMs = Math.min(decision.delayMs, Math.max(0, deadlineAtMs - now()));
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  if (res.destroyed) return { kind: 'gone' };
  return waitMs < decision.delayMs ? { kind: 'deadline' } : SERVE;
}
