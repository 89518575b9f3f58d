/** The gateway's open live connections (WebSocket and SSE together), bounded by SUBSCRIPTION_MAX_CONNECTIONS. */
export class LiveConnections {
  readonly #max: number;
  #open = 0;

  constructor(max: number) {
    this.#max = max;
  }

  get open(): number {
    return this.#open;
  }

  /** Takes a slot; false when the gateway holds its maximum. */
  tryOpen(): boolean {
    if (this.#open >= this.#max) return false;
    this.#open += 1;
    return true;
  }

  release(): void {
    this.#open = Math.max(0, this.#open - 1);
  }
}
