import type { FleetSnapshot } from './types.ts';

/**
 * The subscribers of an `InstanceSource`. A listener that throws is ignored, so a faulty one cannot
 * stop the registry, its polling or its watch, nor the other listeners.
 */
export class SnapshotListeners {
  readonly #listeners = new Set<(snapshot: FleetSnapshot) => void>();

  /** Adds `listener`; returns the unsubscribe function (each subscription is removed on its own, even for the same function). */
  subscribe(listener: (snapshot: FleetSnapshot) => void): () => void {
    const wrapped = (snapshot: FleetSnapshot): void => listener(snapshot);
    this.#listeners.add(wrapped);
    return () => {
      this.#listeners.delete(wrapped);
    };
  }

  /** Calls every listener with `snapshot`. */
  publish(snapshot: FleetSnapshot): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(snapshot);
      } catch {
        // Ignored: see the class comment.
      }
    }
  }
}
