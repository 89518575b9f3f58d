import { HEALTHY } from './FaultState.ts';
import type { FaultState } from './FaultState.ts';

/** What to do with one call: fail it at once, or serve it after `delayMs`. */
export type FaultDecision = { kind: 'fail' } | { kind: 'serve'; delayMs: number };

const SERVE_NOW: FaultDecision = Object.freeze({ kind: 'serve', delayMs: 0 });
const FAIL: FaultDecision = Object.freeze({ kind: 'fail' });

/**
 * Holds an instance's current fault and decides the fate of each call. `down` is enforced by the
 * server closing its listener; a call that slips in while it closes fails like `error`.
 */
export class FaultGate {
  #state: FaultState = HEALTHY;
  readonly #random: () => number;

  /** @param random uniform [0, 1) source for `flaky` (injected so tests can be exact). */
  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  /** The current fault. */
  get state(): FaultState {
    return this.#state;
  }

  /** Replaces the current fault. */
  set(state: FaultState): void {
    this.#state = state;
  }

  /** Decides one call. */
  decide(): FaultDecision {
    const state = this.#state;
    switch (state.mode) {
      case 'ok':
        return SERVE_NOW;
      case 'down':
      case 'error':
        return FAIL;
      case 'slow':
        return { kind: 'serve', delayMs: state.latencyMs };
      case 'flaky':
        return this.#random() < state.rate ? FAIL : SERVE_NOW;
    }
  }
}
