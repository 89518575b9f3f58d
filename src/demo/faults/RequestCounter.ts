/** Counts the calls that reached an instance (a batch call is one; `/healthz` is not counted). */
export class RequestCounter {
  #count = 0;

  /** Calls counted since start or the last reset. */
  get value(): number {
    return this.#count;
  }

  /** Counts one call. */
  increment(): void {
    this.#count += 1;
  }

  /** Back to zero (`POST /stats/reset`). */
  reset(): void {
    this.#count = 0;
  }
}
