import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Options of {@link EventLoopDelayMonitor}; validated once in the constructor. */
export interface EventLoopDelayMonitorOptions {
  /** A window whose p99 event-loop delay is above this is a bad window, ms (> 0; the gateway's default 500). */
  readonly p99BoundMs: number;
  /** Overloaded after this many bad windows in a row (≥ 1; default 3). */
  readonly windows: number;
  /** Length of one window, ms (≥ 250; default 1 000). */
  readonly windowMs: number;
  /** Told of each change between overloaded and not (not of each window). Default: one line on stderr. */
  readonly onChange?: (overloaded: boolean, p99Ms: number) => void;
}

/**
 * Whether the event loop is overloaded: the p99 of its delay (`perf_hooks.monitorEventLoopDelay`,
 * sampled every 20 ms) over each `windowMs` window stayed above `p99BoundMs` for `windows`
 * consecutive windows. A single spike (a busy CI machine, a GC pause, a large response) does not
 * count; the first window back under the bound clears it. {@link observeWindow} is the whole
 * decision, fed by the timer of {@link start} (unref'd) or by tests.
 */
export class EventLoopDelayMonitor {
  readonly #boundMs: number;
  readonly #windows: number;
  readonly #windowMs: number;
  readonly #onChange: (overloaded: boolean, p99Ms: number) => void;
  #badInARow = 0;
  #overloaded = false;
  #lastP99Ms = 0;
  #histogram: IntervalHistogram | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: EventLoopDelayMonitorOptions) {
    const { p99BoundMs, windows, windowMs } = options;
    if (!(p99BoundMs > 0)) throw new TypeError(`EventLoopDelayMonitor: p99BoundMs must be > 0, got ${p99BoundMs}.`);
    if (!Number.isInteger(windows) || windows < 1) throw new TypeError(`EventLoopDelayMonitor: windows must be a whole number ≥ 1, got ${windows}.`);
    if (!(windowMs >= 250)) throw new TypeError(`EventLoopDelayMonitor: windowMs must be ≥ 250, got ${windowMs}.`);
    this.#boundMs = p99BoundMs;
    this.#windows = windows;
    this.#windowMs = windowMs;
    this.#onChange = options.onChange ?? logChange(p99BoundMs, windows, windowMs);
  }

  /** Whether the loop has been over the bound for `windows` windows in a row. */
  get overloaded(): boolean {
    return this.#overloaded;
  }

  /** The p99 delay of the last finished window, ms. */
  get lastP99Ms(): number {
    return this.#lastP99Ms;
  }

  /** How long the overload has to last before it counts, ms: what `Retry-After` suggests. */
  get sustainMs(): number {
    return this.#windows * this.#windowMs;
  }

  /** Takes one finished window's p99 delay, ms; returns whether the loop is now overloaded. */
  observeWindow(p99Ms: number): boolean {
    this.#lastP99Ms = p99Ms;
    this.#badInARow = p99Ms > this.#boundMs ? this.#badInARow + 1 : 0;
    const overloaded = this.#badInARow >= this.#windows;
    if (overloaded !== this.#overloaded) {
      this.#overloaded = overloaded;
      this.#onChange(overloaded, p99Ms);
    }
    return overloaded;
  }

  /** Starts sampling the loop; a timer (unref'd: it never keeps the process alive) closes a window every `windowMs`. */
  start(): void {
    if (this.#timer) return;
    const histogram = monitorEventLoopDelay({ resolution: 20 });
    histogram.enable();
    this.#histogram = histogram;
    this.#timer = setInterval(() => {
      // Nanoseconds → ms; a window without a sample (cannot happen at 20 ms resolution) reads 0.
      const p99Ms = histogram.count > 0 ? histogram.percentile(99) / 1e6 : 0;
      histogram.reset();
      this.observeWindow(p99Ms);
    }, this.#windowMs);
    this.#timer.unref();
  }

  /** Stops sampling; the state stays as it was. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#histogram?.disable();
    this.#histogram = undefined;
  }
}

function logChange(boundMs: number, windows: number, windowMs: number): (overloaded: boolean, p99Ms: number) => void {
  return (overloaded, p99Ms) => {
    if (overloaded) {
      console.warn(`admission: event loop overloaded (p99 delay over ${boundMs} ms for ${windows} windows of ${windowMs} ms, last ${Math.round(p99Ms)} ms); refusing new GraphQL requests with 503`);
    } else {
      console.warn(`admission: event loop back under ${boundMs} ms p99 delay (${Math.round(p99Ms)} ms); admitting requests again`);
    }
  };
}
