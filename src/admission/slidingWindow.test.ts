import { describe, expect, it } from 'vitest';
import { slidingWindow } from './slidingWindow.ts';

describe('slidingWindow', () => {
  it('weighs the previous window by the share of it still inside the sliding window', () => {
    expect(slidingWindow.position(125_000, 60_000)).toEqual({ index: 2, elapsed: 5_000 / 60_000 });
    // 10 last minute, a quarter of this one gone: 7.5 + 2 = 9.5 → one more fits under 11, not under 10.
    expect(slidingWindow.exceeds(2, 10, 0.25, 11)).toBe(false);
    expect(slidingWindow.exceeds(2, 10, 0.25, 10)).toBe(true);
  });

  it('says when one more request fits: as the previous window decays, or after this one', () => {
    // 10 previous, 2 current, limit 10: needs previous × (1 − e) ≤ 7 → e ≥ 0.3; at 0.25 that is 0.05 × 60 s.
    expect(slidingWindow.retryAfterMs(2, 10, 0.25, 10, 60_000)).toBeCloseTo(3_000);
    // 10 current, limit 10: the rest of this window (45 s), then 10 × (1 − g) ≤ 9 → g ≥ 0.1 (6 s).
    expect(slidingWindow.retryAfterMs(10, 0, 0.25, 10, 60_000)).toBeCloseTo(51_000);
    expect(slidingWindow.retryAfterMs(0, 0, 0.5, 1, 1_000)).toBe(0);
  });
});
