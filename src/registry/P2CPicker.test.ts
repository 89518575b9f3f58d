import { describe, expect, it } from 'vitest';
import { P2CPicker } from './P2CPicker.ts';
import type { ServiceInstance } from './types.ts';

const instance = (id: string, weight = 1): ServiceInstance => ({
  service: 'drivers',
  id,
  address: `127.0.0.1:${5000 + id.length}`,
  protocol: 'grpc',
  weight,
  metadata: {},
});

/** A deterministic uniform generator in [0, 1) (mulberry32). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Cycles through fixed draws. */
function draws(...values: number[]): () => number {
  let index = 0;
  return () => values[index++ % values.length] ?? 0;
}

describe('P2CPicker', () => {
  it('prefers the less loaded of the two instances it draws', () => {
    const a = instance('a');
    const b = instance('b');
    const picker = new P2CPicker({ random: seeded(1) });
    picker.onStart('a');
    picker.onStart('a');
    for (let i = 0; i < 100; i += 1) expect(picker.pick([a, b])).toBe(b);
    picker.onEnd('a');
    picker.onEnd('a');
    picker.onStart('b');
    for (let i = 0; i < 100; i += 1) expect(picker.pick([a, b])).toBe(a);
  });

  it('compares load per unit of weight', () => {
    const heavy = instance('heavy', 3);
    const light = instance('light', 1);
    const picker = new P2CPicker({ random: seeded(2) });
    // heavy: 2 in flight / 3 = 0.67 < light: 1 / 1.
    picker.onStart('heavy');
    picker.onStart('heavy');
    picker.onStart('light');
    for (let i = 0; i < 50; i += 1) expect(picker.pick([heavy, light])).toBe(heavy);
    // heavy: 4 / 3 = 1.33 > 1.
    picker.onStart('heavy');
    picker.onStart('heavy');
    for (let i = 0; i < 50; i += 1) expect(picker.pick([heavy, light])).toBe(light);
  });

  it('shares idle traffic by weight', () => {
    const heavy = instance('heavy', 2);
    const light = instance('light', 1);
    const picker = new P2CPicker({ random: seeded(3) });
    let heavyCount = 0;
    for (let i = 0; i < 3_000; i += 1) if (picker.pick([heavy, light]) === heavy) heavyCount += 1;
    expect(heavyCount / 3_000).toBeGreaterThan(0.6);
    expect(heavyCount / 3_000).toBeLessThan(0.73);
  });

  it('draws two distinct instances among many and honours exclude', () => {
    const fleet = ['a', 'b', 'c', 'd'].map((id) => instance(id));
    // First draw index 3 (d), second index floor(0.99 * 3) = 2 → c; both idle, tie → weighted coin 0.1 → d.
    const picker = new P2CPicker({ random: draws(0.99, 0.99, 0.1) });
    picker.onStart('c');
    expect(picker.pick(fleet)?.id).toBe('d');
    expect(new P2CPicker().pick(fleet, new Set(['a', 'b', 'c']))?.id).toBe('d');
    expect(new P2CPicker().pick(fleet, new Set(['a', 'b', 'c', 'd']))).toBeUndefined();
    expect(new P2CPicker().pick([])).toBeUndefined();
  });

  it('never lets the in-flight count go below zero', () => {
    const picker = new P2CPicker();
    picker.onEnd('a');
    expect(picker.inFlight.get('a')).toBe(0);
    const release = picker.inFlight.track('a');
    release();
    release();
    expect(picker.inFlight.get('a')).toBe(0);
  });
});
