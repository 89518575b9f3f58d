import { describe, expect, it } from 'vitest';
import { FaultGate } from './FaultGate.ts';
import { parseFaultRequest } from './parseFaultRequest.ts';

describe('FaultGate', () => {
  it('serves in ok, fails in error and down, delays in slow', () => {
    const gate = new FaultGate();
    expect(gate.decide()).toEqual({ kind: 'serve', delayMs: 0 });
    gate.set({ mode: 'error' });
    expect(gate.decide()).toEqual({ kind: 'fail' });
    gate.set({ mode: 'down' });
    expect(gate.decide()).toEqual({ kind: 'fail' });
    gate.set({ mode: 'slow', latencyMs: 250 });
    expect(gate.decide()).toEqual({ kind: 'serve', delayMs: 250 });
  });

  it('flaky fails exactly when the random draw is below the rate', () => {
    const draws = [0.1, 0.6, 0.39, 0.4];
    const gate = new FaultGate(() => draws.shift() ?? 1);
    gate.set({ mode: 'flaky', rate: 0.4 });
    expect([1, 2, 3, 4].map(() => gate.decide().kind)).toEqual(['fail', 'serve', 'fail', 'serve']);
  });
});

describe('parseFaultRequest', () => {
  it('fills defaults and keeps only the values the mode uses', () => {
    expect(parseFaultRequest({ mode: 'slow' })).toEqual({ ok: true, request: { fault: { mode: 'slow', latencyMs: 2000 } } });
    expect(parseFaultRequest({ mode: 'flaky', instance: 'pricing-2' })).toEqual({
      ok: true,
      request: { fault: { mode: 'flaky', rate: 0.5 }, instance: 'pricing-2' },
    });
    expect(parseFaultRequest({ mode: 'down', latencyMs: 10 })).toEqual({ ok: true, request: { fault: { mode: 'down' } } });
  });

  it('rejects a bad mode or bad values with a message', () => {
    for (const body of [null, [], {}, { mode: 'sleepy' }, { mode: 'slow', latencyMs: -1 }, { mode: 'slow', latencyMs: 1.5 }, { mode: 'flaky', rate: 2 }, { mode: 'ok', instance: 3 }]) {
      const result = parseFaultRequest(body);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).not.toBe('');
    }
  });
});
