import type { InstancePicker } from './InstancePicker.ts';
import type { ServiceInstance } from './types.ts';

/**
 * Plain round robin over the instances not in `exclude`, in the order given (the registry sorts
 * them by id). Ignores weights and load; `onStart`/`onEnd` are no-ops. For comparisons and tests;
 * {@link P2CPicker} is the default.
 */
export class RoundRobinPicker implements InstancePicker {
  #next = 0;

  /** Picks the next instance in turn. */
  pick(instances: readonly ServiceInstance[], exclude?: ReadonlySet<string>): ServiceInstance | undefined {
    const candidates = exclude === undefined || exclude.size === 0 ? instances : instances.filter((item) => !exclude.has(item.id));
    if (candidates.length === 0) return undefined;
    const chosen = candidates[this.#next % candidates.length];
    this.#next = (this.#next + 1) % Number.MAX_SAFE_INTEGER;
    return chosen;
  }

  /** No-op: round robin ignores load. */
  onStart(_id: string): void {}

  /** No-op: round robin ignores load. */
  onEnd(_id: string): void {}
}
