import { InFlightCounter } from './InFlightCounter.ts';
import type { InstancePicker } from './InstancePicker.ts';
import type { ServiceInstance } from './types.ts';

/** Options of {@link P2CPicker}. */
export interface P2CPickerOptions {
  /** Uniform random number in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** Shared load metric (e.g. to read it in metrics). Default: a new one. */
  inFlight?: InFlightCounter;
}

/**
 * Power of two choices on least outstanding requests (Finagle's default, Envoy's least_request
 * with choice count 2): draws two distinct instances at random and keeps the one with the lower
 * `inFlight / weight`; a tie goes to one of the two with odds proportional to their weights, so
 * idle traffic is also shared by weight.
 */
export class P2CPicker implements InstancePicker {
  readonly inFlight: InFlightCounter;
  readonly #random: () => number;

  constructor(options: P2CPickerOptions = {}) {
    this.#random = options.random ?? Math.random;
    this.inFlight = options.inFlight ?? new InFlightCounter();
  }

  /** Picks the less loaded (per unit of weight) of two random instances not in `exclude`. */
  pick(instances: readonly ServiceInstance[], exclude?: ReadonlySet<string>): ServiceInstance | undefined {
    const candidates = exclude === undefined || exclude.size === 0 ? instances : instances.filter((item) => !exclude.has(item.id));
    const count = candidates.length;
    if (count <= 1) return candidates[0];
    const first = this.#index(count);
    let second = this.#index(count - 1);
    if (second >= first) second += 1;
    const a = candidates[first];
    const b = candidates[second];
    if (a === undefined || b === undefined) return a ?? b;
    const loadA = this.inFlight.get(a.id) / a.weight;
    const loadB = this.inFlight.get(b.id) / b.weight;
    if (loadA !== loadB) return loadA < loadB ? a : b;
    return this.#random() * (a.weight + b.weight) < a.weight ? a : b;
  }

  /** A request to `id` started. */
  onStart(id: string): void {
    this.inFlight.onStart(id);
  }

  /** A request to `id` ended. */
  onEnd(id: string): void {
    this.inFlight.onEnd(id);
  }

  #index(count: number): number {
    return Math.min(count - 1, Math.floor(this.#random() * count));
  }
}
