import type { ServiceInstance } from './types.ts';

/**
 * A load balancer over one service's instances. Callers bracket every request with
 * `onStart(id)` / `onEnd(id)` so that load-aware pickers see the requests in flight.
 */
export interface InstancePicker {
  /**
   * Picks one instance, skipping ids in `exclude`; `undefined` when none is left. `affinityKey`
   * (e.g. a product id) is used by key-aware pickers (consistent hashing) and ignored by others.
   */
  pick(instances: readonly ServiceInstance[], exclude?: ReadonlySet<string>, affinityKey?: string): ServiceInstance | undefined;
  /** A request to instance `id` started. */
  onStart(id: string): void;
  /** A request to instance `id` ended (whatever its outcome). */
  onEnd(id: string): void;
}
