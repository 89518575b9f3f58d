import { describe, expect, it } from 'vitest';
import { RoundRobinPicker } from './RoundRobinPicker.ts';
import type { ServiceInstance } from './types.ts';

const instance = (id: string): ServiceInstance => ({
  service: 'riders',
  id,
  address: '127.0.0.1:9000',
  protocol: 'http',
  weight: 1,
  metadata: {},
});

describe('RoundRobinPicker', () => {
  it('cycles through the instances in order', () => {
    const fleet = ['a', 'b', 'c'].map(instance);
    const picker = new RoundRobinPicker();
    expect(Array.from({ length: 7 }, () => picker.pick(fleet)?.id)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
  });

  it('skips excluded instances and answers undefined when none is left', () => {
    const fleet = ['a', 'b', 'c'].map(instance);
    const picker = new RoundRobinPicker();
    const skipB = new Set(['b']);
    expect(Array.from({ length: 4 }, () => picker.pick(fleet, skipB)?.id)).toEqual(['a', 'c', 'a', 'c']);
    expect(picker.pick(fleet, new Set(['a', 'b', 'c']))).toBeUndefined();
    expect(picker.pick([])).toBeUndefined();
  });
});

describe('RoundRobinPicker with weights (smooth weighted round robin)', () => {
  const weighted = (id: string, weight: number): ServiceInstance => ({ ...instance(id), weight });

  it('gives each instance its weight share, spread out rather than in bursts', () => {
    const fleet = [weighted('a', 2), weighted('b', 1)];
    const picker = new RoundRobinPicker();
    expect(Array.from({ length: 6 }, () => picker.pick(fleet)?.id)).toEqual(['a', 'b', 'a', 'a', 'b', 'a']);
    const counts = new Map<string, number>();
    const big = [weighted('a', 5), weighted('b', 3), weighted('c', 2)];
    for (let i = 0; i < 1_000; i += 1) {
      const id = picker.pick(big)?.id ?? '';
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual({ a: 500, b: 300, c: 200 });
  });

  it('never gives a heavy instance more than its turn in a row', () => {
    const fleet = [weighted('a', 3), weighted('b', 1), weighted('c', 1)];
    const picker = new RoundRobinPicker();
    const sequence = Array.from({ length: 10 }, () => picker.pick(fleet)?.id).join('');
    expect(sequence).not.toContain('aaa');
    expect(sequence.split('').filter((id) => id === 'a')).toHaveLength(6);
  });
});
