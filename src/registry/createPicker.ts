import { ConsistentHashPicker } from './ConsistentHashPicker.ts';
import type { InstancePicker } from './InstancePicker.ts';
import { P2CPicker } from './P2CPicker.ts';
import { RoundRobinPicker } from './RoundRobinPicker.ts';

/** The load-balancing policies a service can be given (`LB_POLICY`, `LB_POLICY_<SERVICE>`). */
export const LB_POLICIES = ['p2c', 'round_robin', 'consistent_hash'] as const;

/** A load-balancing policy: P2C least-outstanding (default), smooth weighted round robin, or consistent hashing on the call's affinity key. */
export type LbPolicy = (typeof LB_POLICIES)[number];

/** Options of {@link createPicker}. */
export interface CreatePickerOptions {
  /** Uniform random number in [0, 1), for P2C (also consistent hashing's fallback). Default `Math.random`. */
  random?: () => number;
}

/** A new picker for one service with the given policy. */
export function createPicker(policy: LbPolicy, options: CreatePickerOptions = {}): InstancePicker {
  switch (policy) {
    case 'p2c':
      return new P2CPicker(options.random === undefined ? {} : { random: options.random });
    case 'round_robin':
      return new RoundRobinPicker();
    case 'consistent_hash':
      return new ConsistentHashPicker({ fallback: new P2CPicker(options.random === undefined ? {} : { random: options.random }) });
    default: {
      const unknown: never = policy;
      throw new RangeError(`createPicker: unknown policy ${JSON.stringify(unknown)}; expected one of ${LB_POLICIES.join(', ')}.`);
    }
  }
}
