import { describe, expect, it } from 'vitest';
import { EventLoopDelayMonitor } from './EventLoopDelayMonitor.ts';

function monitor(changes: string[] = []) {
  return new EventLoopDelayMonitor({ p99BoundMs: 500, windows: 3, windowMs: 1_000, onChange: (overloaded, p99) => changes.push(`${overloaded}:${p99}`) });
}

describe('EventLoopDelayMonitor', () => {
  it('is overloaded only after the bound is exceeded in 3 windows in a row, and clears at the first good window', () => {
    const changes: string[] = [];
    const loop = monitor(changes);
    // Spikes, as on a busy CI machine: never 3 in a row.
    for (const p99 of [900, 2_000, 30, 800, 700, 499, 600]) expect(loop.observeWindow(p99)).toBe(false);
    expect(loop.observeWindow(650)).toBe(false);
    expect(loop.observeWindow(700)).toBe(true);
    expect(loop.overloaded).toBe(true);
    expect(loop.observeWindow(5_000)).toBe(true);
    expect(loop.observeWindow(120)).toBe(false);
    expect(loop.lastP99Ms).toBe(120);
    // One line per change, not per window.
    expect(changes).toEqual(['true:700', 'false:120']);
    expect(loop.sustainMs).toBe(3_000);
  });

  it('samples the real loop on an unref\'d timer and stops', () => {
    const loop = monitor();
    loop.start();
    loop.start();
    loop.stop();
    expect(loop.overloaded).toBe(false);
  });

  it('names the option and the value it rejects', () => {
    expect(() => new EventLoopDelayMonitor({ p99BoundMs: 0, windows: 3, windowMs: 1_000 })).toThrow(/p99BoundMs .* got 0/);
    expect(() => new EventLoopDelayMonitor({ p99BoundMs: 500, windows: 1.5, windowMs: 1_000 })).toThrow(/windows .* got 1.5/);
    expect(() => new EventLoopDelayMonitor({ p99BoundMs: 500, windows: 3, windowMs: 100 })).toThrow(/windowMs .* got 100/);
  });
});
