import type { SubgraphVersion } from '../types.ts';

/** A live set: each published subgraph's live version, by name. */
export type LiveSet = ReadonlyMap<string, SubgraphVersion>;

/**
 * The subscribers of a store's `watch`. A listener that throws is ignored, so a faulty one cannot
 * stop the store's watch nor the other listeners.
 */
export class LiveSetListeners {
  readonly #listeners = new Set<(live: LiveSet) => void>();

  get size(): number {
    return this.#listeners.size;
  }

  /** Adds `listener`; returns the unsubscribe function (each subscription is removed on its own, even for the same function). */
  subscribe(listener: (live: LiveSet) => void): () => void {
    const wrapped = (live: LiveSet): void => listener(live);
    this.#listeners.add(wrapped);
    return () => {
      this.#listeners.delete(wrapped);
    };
  }

  /** Calls every listener with `live`. */
  publish(live: LiveSet): void {
    for (const listener of [...this.#listeners]) callSafely(listener, live);
  }
}

/** Calls `listener` with `live`, ignoring what it throws. */
export function callSafely(listener: (live: LiveSet) => void, live: LiveSet): void {
  try {
    listener(live);
  } catch {
    // Ignored: see LiveSetListeners.
  }
}

/** A short fingerprint of a live set (names, versions, SDL hashes), to tell whether it changed. */
export function liveSetSignature(live: LiveSet): string {
  return [...live.values()]
    .map((version) => `${version.subgraph}@${version.version}:${version.sdlHash}`)
    .sort()
    .join(',');
}
