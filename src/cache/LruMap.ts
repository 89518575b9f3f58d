/** Options of {@link LruMap}. */
export interface LruMapOptions {
  /** Most entries kept; the least recently used goes first. */
  readonly maxEntries: number;
  /** Clock, ms. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * A small in-process LRU map with a TTL per entry (a `Map` keeps insertion order: a read moves the
 * entry to the end, the first entry is the least recently used).
 */
export class LruMap<V> {
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(options: LruMapOptions) {
    if (!(Number.isInteger(options.maxEntries) && options.maxEntries > 0)) {
      throw new RangeError(`LruMap: maxEntries must be a positive integer, got ${options.maxEntries}`);
    }
    this.#maxEntries = options.maxEntries;
    this.#now = options.now ?? Date.now;
  }

  /** The value under `key`, unless absent or expired. */
  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.expiresAt <= this.#now()) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` for `ttlMs`, evicting the least recently used entry when full. */
  set(key: string, value: V, ttlMs: number): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}
