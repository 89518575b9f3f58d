/**
 * The sliding-window estimate of two fixed windows (Cloudflare's rate limiter): requests in the
 * last `windowMs` ≈ `previous × (1 − elapsed) + current`, where `elapsed` is the share of the
 * current fixed window gone by. Two counters per key, whatever the rate; windows are aligned to
 * the epoch, so every gateway sharing Redis uses the same ones.
 */
export const slidingWindow = {
  /** The fixed window `now` falls in (`floor(now / windowMs)`) and the share of it gone by (0 ≤ elapsed < 1). */
  position(nowMs: number, windowMs: number): { index: number; elapsed: number } {
    const index = Math.floor(nowMs / windowMs);
    return { index, elapsed: (nowMs - index * windowMs) / windowMs };
  },

  /** Whether one more request would exceed `limit` (the same rule as the Redis script's). */
  exceeds(current: number, previous: number, elapsed: number, limit: number): boolean {
    return previous * (1 - elapsed) + current + 1 > limit;
  },

  /**
   * How long until one more request fits, ms: within this window while `current` alone leaves room
   * (the previous window's weight decays), else after it ends (this window then weighs as the
   * previous one).
   */
  retryAfterMs(current: number, previous: number, elapsed: number, limit: number, windowMs: number): number {
    if (current + 1 <= limit) {
      if (previous === 0) return 0;
      const needed = 1 - (limit - 1 - current) / previous;
      return Math.max(0, (needed - elapsed) * windowMs);
    }
    const needed = current === 0 ? 0 : Math.max(0, 1 - (limit - 1) / current);
    return (1 - elapsed) * windowMs + needed * windowMs;
  },
} as const;
