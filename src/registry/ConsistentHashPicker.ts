import type { InstancePicker } from './InstancePicker.ts';
import { P2CPicker } from './P2CPicker.ts';
import type { ServiceInstance } from './types.ts';

/** Options of {@link ConsistentHashPicker}. */
export interface ConsistentHashPickerOptions {
  /** Points on the ring per unit of weight. Default 100 (±10 % load spread for a handful of instances). */
  pointsPerWeight?: number;
  /** Picks calls that carry no affinity key. Default: a new {@link P2CPicker}. */
  fallback?: InstancePicker;
}

interface Ring {
  /** Sorted point hashes. */
  readonly points: Uint32Array;
  /** The instance owning each point (same index). */
  readonly owners: readonly ServiceInstance[];
}

/** How many rings (one per distinct instance list) are kept; lists change rarely. */
const RING_CACHE_SIZE = 8;

/**
 * Consistent hashing on the call's affinity key (a ring with `weight × pointsPerWeight` virtual
 * nodes per instance, FNV-1a hashes): the same key goes to the same instance while it is live, so
 * per-instance caches stay warm, and removing one of N instances moves only the keys it owned
 * (about 1/N). A key whose instance is excluded (tried already, ejected) walks on to the next
 * instance on the ring. Calls without a key go to the `fallback` picker (P2C).
 */
export class ConsistentHashPicker implements InstancePicker {
  readonly #pointsPerWeight: number;
  readonly #fallback: InstancePicker;
  readonly #rings = new Map<string, Ring>();

  constructor(options: ConsistentHashPickerOptions = {}) {
    const points = options.pointsPerWeight ?? 100;
    if (!Number.isInteger(points) || points < 1 || points > 10_000) {
      throw new RangeError(`ConsistentHashPicker: pointsPerWeight must be an integer from 1 to 10 000, got ${String(points)}.`);
    }
    this.#pointsPerWeight = points;
    this.#fallback = options.fallback ?? new P2CPicker();
  }

  /** The owner of `affinityKey` on the ring of `instances`, skipping `exclude`; the fallback's pick without a key. */
  pick(instances: readonly ServiceInstance[], exclude?: ReadonlySet<string>, affinityKey?: string): ServiceInstance | undefined {
    if (affinityKey === undefined || affinityKey === '') return this.#fallback.pick(instances, exclude);
    if (instances.length === 0) return undefined;
    const ring = this.#ring(instances);
    const count = ring.points.length;
    let index = lowerBound(ring.points, fnv1a(affinityKey));
    const seen = new Set<string>();
    for (let step = 0; step < count; step += 1, index += 1) {
      const owner = ring.owners[index % count];
      if (owner === undefined || seen.has(owner.id)) continue;
      if (!exclude?.has(owner.id)) return owner;
      seen.add(owner.id);
      if (seen.size === instances.length) break;
    }
    return undefined;
  }

  /** Tracked by the fallback (P2C needs the load). */
  onStart(id: string): void {
    this.#fallback.onStart(id);
  }

  /** Tracked by the fallback. */
  onEnd(id: string): void {
    this.#fallback.onEnd(id);
  }

  #ring(instances: readonly ServiceInstance[]): Ring {
    const signature = instances.map((instance) => `${instance.id}\u0000${instance.weight}`).join('\u0001');
    let ring = this.#rings.get(signature);
    if (ring !== undefined) return ring;
    const entries: { hash: number; owner: ServiceInstance }[] = [];
    for (const instance of instances) {
      const points = Math.max(1, Math.round(instance.weight * this.#pointsPerWeight));
      for (let point = 0; point < points; point += 1) entries.push({ hash: fnv1a(`${instance.id}#${point}`), owner: instance });
    }
    // Ties (rare) are broken by id so that every gateway builds the same ring.
    entries.sort((a, b) => a.hash - b.hash || (a.owner.id < b.owner.id ? -1 : a.owner.id > b.owner.id ? 1 : 0));
    ring = { points: Uint32Array.from(entries, (entry) => entry.hash), owners: entries.map((entry) => entry.owner) };
    if (this.#rings.size >= RING_CACHE_SIZE) this.#rings.delete(this.#rings.keys().next().value as string);
    this.#rings.set(signature, ring);
    return ring;
  }
}

/** 32-bit FNV-1a over the UTF-16 code units, with a final avalanche (murmur3's fmix32) for spread. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** First index whose point is ≥ `value` (`points.length` when none: wraps to 0 at the caller). */
function lowerBound(points: Uint32Array, value: number): number {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((points[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
