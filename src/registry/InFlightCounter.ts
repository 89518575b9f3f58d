/** Requests in flight per instance id: the load metric of least-request balancing. */
export class InFlightCounter {
  readonly #counts = new Map<string, number>();

  /** A request to `id` started. */
  onStart(id: string): void {
    this.#counts.set(id, (this.#counts.get(id) ?? 0) + 1);
  }

  /** A request to `id` ended; never goes below zero. */
  onEnd(id: string): void {
    const count = (this.#counts.get(id) ?? 0) - 1;
    if (count > 0) this.#counts.set(id, count);
    else this.#counts.delete(id);
  }

  /** Requests in flight to `id`. */
  get(id: string): number {
    return this.#counts.get(id) ?? 0;
  }

  /** Marks a request started; returns its release (idempotent: calling it twice ends it once). */
  track(id: string): () => void {
    this.onStart(id);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.onEnd(id);
    };
  }
}
