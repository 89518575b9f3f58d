/**
 * One request's allowance of result bytes, charged as each subgraph fetch's data arrives (before
 * the gateway merges it into the answer), so an answer that would be too large stops growing at the
 * fetch that crosses the limit instead of at serialisation. Sizes are JSON-like estimates: string
 * lengths, 8 per number, key lengths and punctuation.
 */
export class ResponseBudget {
  /** The limit, bytes. */
  readonly limitBytes: number;
  #used = 0;

  constructor(limitBytes: number) {
    if (!(Number.isInteger(limitBytes) && limitBytes > 0)) throw new RangeError(`limitBytes must be a positive whole number, not ${limitBytes}`);
    this.limitBytes = limitBytes;
  }

  /** Bytes charged so far (at most one fetch past the limit). */
  get usedBytes(): number {
    return this.#used;
  }

  /** Whether a charge has crossed the limit. */
  get exceeded(): boolean {
    return this.#used > this.limitBytes;
  }

  /** Charges `data`'s size; false when the budget is (now) exceeded. Stops measuring once past the limit. */
  charge(data: unknown): boolean {
    if (this.exceeded) return false;
    this.#used += approximateJsonBytes(data, this.limitBytes - this.#used + 1);
    return !this.exceeded;
  }
}

/** About how many bytes `value` takes as JSON; stops counting once past `cap` (returns a value > cap). */
export function approximateJsonBytes(value: unknown, cap: number): number {
  let total = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && total <= cap) {
    const next = pending.pop();
    if (next === null || next === undefined) total += 4;
    else if (typeof next === 'string') total += next.length + 2;
    else if (typeof next === 'number' || typeof next === 'boolean') total += 8;
    else if (Array.isArray(next)) {
      total += 2 + next.length;
      for (const item of next) pending.push(item);
    } else if (typeof next === 'object') {
      for (const key in next) {
        total += key.length + 4;
        pending.push((next as Record<string, unknown>)[key]);
      }
      total += 2;
    }
  }
  return total;
}
