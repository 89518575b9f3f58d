import { describe, expect, it } from 'vitest';
import { OutlierDetector, type EjectionEvent } from './OutlierDetector.ts';

const fleet = (...ids: string[]) => ids.map((id) => ({ id }));

function setup(options: ConstructorParameters<typeof OutlierDetector>[0] = {}) {
  let now = 1_000_000;
  const events: EjectionEvent[] = [];
  const detector = new OutlierDetector({ now: () => now, onEject: (event) => events.push(event), ...options });
  const fail = (id: string, times: number, live = 3): void => {
    for (let i = 0; i < times; i += 1) detector.record('drivers', id, 'failure', live);
  };
  return { detector, events, fail, advance: (ms: number) => (now += ms) };
}

describe('OutlierDetector', () => {
  it('ejects after 5 consecutive failures for 30 s, then lets the instance back', () => {
    const { detector, events, fail, advance } = setup();
    fail('a', 4);
    expect(detector.isEjected('drivers', 'a')).toBe(false);
    fail('a', 1);
    expect(detector.isEjected('drivers', 'a')).toBe(true);
    expect(events).toEqual([{ service: 'drivers', instanceId: 'a', durationMs: 30_000, ejections: 1, consecutiveFailures: 5 }]);
    expect(detector.eligible('drivers', fleet('a', 'b', 'c')).map((item) => item.id)).toEqual(['b', 'c']);
    advance(29_999);
    expect(detector.isEjected('drivers', 'a')).toBe(true);
    advance(1);
    expect(detector.isEjected('drivers', 'a')).toBe(false);
    detector.record('drivers', 'a', 'success', 3);
    expect(detector.health()['drivers']?.['a']).toEqual({ state: 'healthy', consecutiveFailures: 0 });
  });

  it('a success or a neutral outcome in between: only consecutive failures count', () => {
    const { detector, fail } = setup();
    fail('a', 4);
    detector.record('drivers', 'a', 'success', 3);
    fail('a', 4);
    detector.record('drivers', 'a', 'neutral', 3);
    expect(detector.isEjected('drivers', 'a')).toBe(false);
    fail('a', 1);
    expect(detector.isEjected('drivers', 'a')).toBe(true);
  });

  it('ejects for 30 s × n, capped at 300 s, and n decays while the instance behaves', () => {
    const { events, fail, advance } = setup();
    const durations = (): number[] => events.map((event) => event.durationMs);
    for (let round = 0; round < 12; round += 1) {
      fail('a', 5);
      advance((events.at(-1)?.durationMs ?? 0) + 1);
    }
    expect(durations().slice(0, 4)).toEqual([30_000, 60_000, 90_000, 120_000]);
    expect(durations().at(-1)).toBe(300_000);
    // Two quiet base intervals (60 s) after the last ejection take n from 12 down to 10: 11 × 30 s, capped.
    advance(60_000);
    fail('a', 5);
    expect(events.at(-1)).toMatchObject({ ejections: 11, durationMs: 300_000 });
    advance(300_001 + 30_000 * 11);
    fail('a', 5);
    expect(events.at(-1)).toMatchObject({ ejections: 1, durationMs: 30_000 });
  });

  it('never ejects more than the max share at once, but always one', () => {
    const { detector, fail } = setup();
    fail('a', 5);
    fail('b', 10);
    expect(detector.isEjected('drivers', 'a')).toBe(true);
    expect(detector.isEjected('drivers', 'b')).toBe(false);

    // 2 instances: 34 % of 2 rounds down to 0, yet one may go.
    const two = setup();
    two.fail('a', 5, 2);
    expect(two.detector.isEjected('drivers', 'a')).toBe(true);
    expect(two.detector.eligible('drivers', fleet('a', 'b')).map((item) => item.id)).toEqual(['b']);

    // 10 instances at 34 %: three at once.
    const ten = setup();
    for (const id of ['a', 'b', 'c', 'd']) ten.fail(id, 5, 10);
    expect(['a', 'b', 'c', 'd'].filter((id) => ten.detector.isEjected('drivers', id))).toEqual(['a', 'b', 'c']);
  });

  it('ignores ejections when fewer than half would be left (panic mode)', () => {
    const { detector, fail } = setup({ maxEjectionPercent: 100 });
    fail('a', 5);
    fail('b', 5);
    const three = fleet('a', 'b', 'c');
    // 1 of 3 left (33 %) is below the 50 % threshold: everything stays eligible.
    expect(detector.eligible('drivers', three)).toBe(three);
    expect(detector.panicking('drivers', three)).toBe(true);
    const four = fleet('a', 'b', 'c', 'd');
    expect(detector.eligible('drivers', four).map((item) => item.id)).toEqual(['c', 'd']);
    expect(detector.panicking('drivers', four)).toBe(false);
    // A single instance that is ejected is still used.
    const one = setup();
    one.fail('a', 5, 1);
    expect(one.detector.eligible('drivers', fleet('a')).map((item) => item.id)).toEqual(['a']);
  });

  it('forgets instances that left the registry, and validates its options', () => {
    const { detector, fail } = setup();
    fail('a', 5);
    detector.retain('drivers', new Set(['b']));
    expect(detector.isEjected('drivers', 'a')).toBe(false);
    expect(() => new OutlierDetector({ consecutiveFailures: 0 })).toThrow(/consecutiveFailures/);
    expect(() => new OutlierDetector({ maxEjectionPercent: 120 })).toThrow(/maxEjectionPercent/);
    expect(() => new OutlierDetector({ baseEjectionMs: 1_000, maxEjectionMs: 10 })).toThrow(/maxEjectionMs/);
  });
});
