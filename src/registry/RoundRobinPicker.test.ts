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
