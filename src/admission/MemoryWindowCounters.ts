import { slidingWindow } from './slidingWindow.ts';
import type { WindowCheck, WindowCounters, WindowVerdict } from './WindowCounters.ts';

/** Options of {@link MemoryWindowCounters}; validated once in the constructor. */
export interface MemoryWindowCountersOptions {
  /** Keys kept at most; past it the least recently used key is dropped (≥ 1; the gateway's default 100 000). */
  readonly maxKeys: number;
  /** Clock, ms since the epoch. Default `Date.now`. */
  readonly now?: () => number;
}

interface Entry {
  readonly windowMs: number;
  /** The fixed window `current` counts. */
  index: number;
  current: number;
  previous: number;
}

/** Entries looked at from the least recently used end per call, to drop idle ones (more than one per call keeps up with new keys). */
const sweepPerCall = 2;

/**
 * {@link WindowCounters} in this process (two counters per key, {@link slidingWindow}). Memory is
 * bounded twice: a key idle for two windows holds nothing worth keeping and is dropped (a few of
 * the least recently used are checked on every call), and at most `maxKeys` keys are kept (the
 * least recently used goes first). Used alone without Redis, and as Redis's fallback.
 */
export class MemoryWindowCounters implements WindowCounters {
  readonly #maxKeys: number;
  readonly #now: () => number;
  /** In order of last use: the first entries are the least recently used. */
  readonly #entries = new Map<string, Entry>();

  constructor(options: MemoryWindowCountersOptions) {
    if (!Number.isInteger(options.maxKeys) || options.maxKeys < 1) {
      throw new TypeError(`MemoryWindowCounters: maxKeys must be a whole number ≥ 1, got ${options.maxKeys}.`);
    }
    this.#maxKeys = options.maxKeys;
    this.#now = options.now ?? Date.now;
  }

  /** Keys held now. */
  get size(): number {
    return this.#entries.size;
  }

  /** Counts one request against every check if all are under their limit, else against none. */
  async consume(checks: readonly WindowCheck[]): Promise<WindowVerdict> {
    return this.consumeNow(checks);
  }

  /** {@link consume} without a promise. */
  consumeNow(checks: readonly WindowCheck[]): WindowVerdict {
    const now = this.#now();
    const entries = checks.map((check) => this.#entry(check, now));
    for (const [index, check] of checks.entries()) {
      const entry = entries[index]!;
      const { elapsed } = slidingWindow.position(now, check.windowMs);
      if (slidingWindow.exceeds(entry.current, entry.previous, elapsed, check.limit)) {
        return { allowed: false, index, retryAfterMs: slidingWindow.retryAfterMs(entry.current, entry.previous, elapsed, check.limit, check.windowMs) };
      }
    }
    for (const entry of entries) entry.current += 1;
    return { allowed: true };
  }

  /** Counts one request against every check, limits aside (what Redis admitted, so a fallback starts from this process's share). */
  record(checks: readonly WindowCheck[]): void {
    const now = this.#now();
    for (const check of checks) this.#entry(check, now).current += 1;
  }

  /** The key's entry rolled to the window of `now`, moved to the most recently used end. */
  #entry(check: WindowCheck, now: number): Entry {
    const { index } = slidingWindow.position(now, check.windowMs);
    let entry = this.#entries.get(check.key);
    if (entry && entry.windowMs === check.windowMs) {
      this.#entries.delete(check.key);
      if (entry.index !== index) {
        entry.previous = entry.index === index - 1 ? entry.current : 0;
        entry.current = 0;
        entry.index = index;
      }
    } else {
      if (entry) this.#entries.delete(check.key);
      entry = { windowMs: check.windowMs, index, current: 0, previous: 0 };
    }
    this.#entries.set(check.key, entry);
    this.#sweep(now);
    return entry;
  }

  #sweep(now: number): void {
    let looked = 0;
    for (const [key, entry] of this.#entries) {
      if (this.#entries.size > this.#maxKeys) {
        this.#entries.delete(key);
        continue;
      }
      if (looked >= sweepPerCall) break;
      looked += 1;
      // Both of its windows are over: it would count as zero anyway.
      if (slidingWindow.position(now, entry.windowMs).index - entry.index >= 2) this.#entries.delete(key);
    }
  }
}
