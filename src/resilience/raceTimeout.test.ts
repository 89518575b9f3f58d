import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { raceTimeout } from './raceTimeout.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('raceTimeout', () => {
  it('answers the value and never aborts the signal on success (no AbortError built)', async () => {
    let seen: AbortSignal | undefined;
    const outcome = await raceTimeout(async (signal) => {
      seen = signal;
      return 42;
    }, 100);
    expect(outcome).toEqual({ kind: 'value', value: 42 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(seen?.aborted).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('answers the error, a synchronous throw included; never rejects', async () => {
    const error = new Error('boom');
    await expect(raceTimeout(() => Promise.reject(error), 100)).resolves.toEqual({ kind: 'error', error });
    await expect(
      raceTimeout(() => {
        throw error;
      }, 100),
    ).resolves.toEqual({ kind: 'error', error });
  });

  it('times out one setImmediate after the timer, aborting the signal with the given reason', async () => {
    let seen: AbortSignal | undefined;
    const pending = raceTimeout(
      (signal) => {
        seen = signal;
        return new Promise(() => undefined);
      },
      100,
      { timeoutReason: () => 'too slow' },
    );
    let outcome: unknown;
    void pending.then((value) => (outcome = value));
    await vi.advanceTimersByTimeAsync(100);
    // The timer fired; the timeout waits for the loop's next check phase.
    expect(outcome).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toEqual({ kind: 'timeout' });
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBe('too slow');
  });

  it("lets an answer that arrived before the delayed check win over a late timer", async () => {
    let answer: (value: string) => void = () => undefined;
    const pending = raceTimeout(() => new Promise<string>((resolve) => (answer = resolve)), 100);
    await vi.advanceTimersByTimeAsync(100);
    answer('late but here');
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toEqual({ kind: 'value', value: 'late but here' });
  });

  it("ends at once on the caller's abort, passing its reason to the operation", async () => {
    const caller = new AbortController();
    let seen: AbortSignal | undefined;
    const pending = raceTimeout(
      (signal) => {
        seen = signal;
        return new Promise(() => undefined);
      },
      10_000,
      { signal: caller.signal },
    );
    caller.abort('gone');
    await expect(pending).resolves.toEqual({ kind: 'aborted' });
    expect(seen?.reason).toBe('gone');
    await expect(raceTimeout(async () => 1, 100, { signal: caller.signal })).resolves.toEqual({ kind: 'aborted' });
  });
});
