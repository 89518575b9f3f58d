import type { InstancePicker } from './InstancePicker.ts';
import type { ServiceInstance } from './types.ts';

/**
 * Smooth weighted round robin (nginx's algorithm) over the instances not in `exclude`, in the order
 * given (the registry sorts them by id): every pick adds each candidate's weight to its credit,
 * takes the candidate with the most credit and charges it the sum of the weights. Weights 2:1 give
 * `a a b` spread as `a b a`; equal weights give plain round robin. Ignores load;
 * `onStart`/`onEnd` are no-ops.
 */
export class RoundRobinPicker implements InstancePicker {
  /** Credit per instance id. */
  readonly #credit = new Map<string, number>();
  #known: readonly ServiceInstance[] | undefined;

  /** Picks the next instance in (weighted) turn. */
  pick(instances: readonly ServiceInstance[], exclude?: ReadonlySet<string>): ServiceInstance | undefined {
    if (instances !== this.#known) this.#forgetGone(instances);
    let total = 0;
    let best: ServiceInstance | undefined;
    let bestCredit = -Infinity;
    for (const instance of instances) {
      if (exclude?.has(instance.id)) continue;
      const credit = (this.#credit.get(instance.id) ?? 0) + instance.weight;
      this.#credit.set(instance.id, credit);
      total += instance.weight;
      if (credit > bestCredit) {
        best = instance;
        bestCredit = credit;
      }
    }
    if (best !== undefined) this.#credit.set(best.id, bestCredit - total);
    return best;
  }

  /** No-op: round robin ignores load. */
  onStart(_id: string): void {}

  /** No-op: round robin ignores load. */
  onEnd(_id: string): void {}

  /** Drops the credit of instances that left the list (a new snapshot). */
  #forgetGone(instances: readonly ServiceInstance[]): void {
    this.#known = instances;
    if (this.#credit.size <= instances.length) return;
    const live = new Set(instances.map((instance) => instance.id));
    for (const id of this.#credit.keys()) if (!live.has(id)) this.#credit.delete(id);
  }
}
