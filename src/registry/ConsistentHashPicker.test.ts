import { describe, expect, it } from 'vitest';
import { ConsistentHashPicker } from './ConsistentHashPicker.ts';
import type { InstancePicker } from './InstancePicker.ts';
import type { ServiceInstance } from './types.ts';

const instance = (id: string, weight = 1): ServiceInstance => ({
  service: 'pricing',
  id,
  address: `127.0.0.1:${6000 + id.length}`,
  protocol: 'grpc',
  weight,
  metadata: {},
});
const keys = Array.from({ length: 3_000 }, (_, index) => `p-${index}`);

function owners(picker: InstancePicker, fleet: readonly ServiceInstance[]): Map<string, string> {
  return new Map(keys.map((key) => [key, picker.pick(fleet, undefined, key)?.id ?? '']));
}

describe('ConsistentHashPicker', () => {
  it('sends a key to the same instance every time, on every gateway', () => {
    const fleet = ['pricing-1', 'pricing-2', 'pricing-3'].map((id) => instance(id));
    const first = owners(new ConsistentHashPicker(), fleet);
    expect(owners(new ConsistentHashPicker(), [...fleet].reverse())).toEqual(first);
    const picker = new ConsistentHashPicker();
    expect(owners(picker, fleet)).toEqual(first);
    expect(owners(picker, fleet)).toEqual(first);
  });

  it('moves only the keys of an instance that leaves, and roughly its share when one joins', () => {
    const fleet = ['pricing-1', 'pricing-2', 'pricing-3', 'pricing-4'].map((id) => instance(id));
    const picker = new ConsistentHashPicker();
    const before = owners(picker, fleet);
    const after = owners(picker, fleet.filter((item) => item.id !== 'pricing-2'));
    for (const key of keys) if (before.get(key) !== 'pricing-2') expect(after.get(key)).toBe(before.get(key));

    const grown = owners(picker, [...fleet, instance('pricing-5')]);
    const moved = keys.filter((key) => grown.get(key) !== before.get(key));
    expect(moved.every((key) => grown.get(key) === 'pricing-5')).toBe(true);
    expect(moved.length / keys.length).toBeGreaterThan(0.12);
    expect(moved.length / keys.length).toBeLessThan(0.28);
  });

  it('shares keys by weight', () => {
    const picker = new ConsistentHashPicker();
    const map = owners(picker, [instance('heavy', 3), instance('light', 1)]);
    const heavy = [...map.values()].filter((id) => id === 'heavy').length / keys.length;
    expect(heavy).toBeGreaterThan(0.68);
    expect(heavy).toBeLessThan(0.82);
  });

  it('walks on to the next instance on the ring when the owner is excluded, and falls back without a key', () => {
    const fleet = ['pricing-1', 'pricing-2', 'pricing-3'].map((id) => instance(id));
    const picker = new ConsistentHashPicker();
    const owner = picker.pick(fleet, undefined, 'p-economy')?.id ?? '';
    const next = picker.pick(fleet, new Set([owner]), 'p-economy')?.id;
    expect(next).toBeDefined();
    expect(next).not.toBe(owner);
    expect(picker.pick(fleet, new Set([owner]), 'p-economy')?.id).toBe(next);
    expect(picker.pick(fleet, new Set(fleet.map((item) => item.id)), 'p-economy')).toBeUndefined();
    expect(picker.pick([], undefined, 'p-economy')).toBeUndefined();

    const calls: string[] = [];
    const fallback: InstancePicker = {
      pick: (list) => {
        calls.push('pick');
        return list[0];
      },
      onStart: () => calls.push('start'),
      onEnd: () => calls.push('end'),
    };
    const withFallback = new ConsistentHashPicker({ fallback });
    expect(withFallback.pick(fleet)?.id).toBe('pricing-1');
    withFallback.onStart('pricing-1');
    withFallback.onEnd('pricing-1');
    expect(calls).toEqual(['pick', 'start', 'end']);
    expect(() => new ConsistentHashPicker({ pointsPerWeight: 0 })).toThrow(/pointsPerWeight/);
  });
});
