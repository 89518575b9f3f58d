/** Options of {@link OutlierDetector}; every time is in milliseconds. */
export interface OutlierDetectorOptions {
  /** Consecutive failures that eject an instance. Default 5. */
  consecutiveFailures?: number;
  /** First ejection; the n-th lasts n × this. Default 30 000. */
  baseEjectionMs?: number;
  /** Longest ejection. Default 300 000. */
  maxEjectionMs?: number;
  /**
   * Largest share of a service's instances ejected at once, in percent. Default 34 (1 of 3).
   * One instance may always be ejected, whatever the share (Envoy's `always_eject_one_host`).
   */
  maxEjectionPercent?: number;
  /** Below this share of non-ejected instances, in percent, ejections are ignored (panic mode). Default 50. */
  panicThresholdPercent?: number;
  /** Clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Told about every ejection (for logs and metrics); must not throw. */
  onEject?: (event: EjectionEvent) => void;
}

/** One ejection, as reported to `onEject`. */
export interface EjectionEvent {
  readonly service: string;
  readonly instanceId: string;
  /** How long it is out, ms. */
  readonly durationMs: number;
  /** How many times in a row (decaying) it was ejected, this one included. */
  readonly ejections: number;
  readonly consecutiveFailures: number;
}

/** An instance's health as outlier detection sees it. */
export type InstanceHealth =
  | { readonly state: 'healthy'; readonly consecutiveFailures: number }
  | { readonly state: 'ejected'; readonly until: number; readonly ejections: number };

/** What a call on an instance taught us: `failure` (refused, reset, 5xx, UNAVAILABLE), `success`, or nothing. */
export type CallOutcome = 'success' | 'failure' | 'neutral';

interface Entry {
  consecutiveFailures: number;
  /** Ejection multiplier n (the next ejection lasts (n + 1) × base, after decay). */
  ejections: number;
  /** End of the current or last ejection, ms since the epoch; 0 when never ejected. */
  ejectedUntil: number;
}

/**
 * Passive outlier detection per instance (Envoy's consecutive-5xx detector): `consecutiveFailures`
 * failed calls in a row eject an instance for `baseEjectionMs × n` (n = 1, 2, ... capped at
 * `maxEjectionMs`); it returns by itself when that time ends, and each `baseEjectionMs` it then
 * stays uneventful takes one off n. At most `maxEjectionPercent` of a service's instances are out
 * at once (always one allowed), and when fewer than `panicThresholdPercent` would be left,
 * {@link eligible} ignores ejections altogether (panic mode: better a possibly bad instance than
 * none). Time comes from the injected clock; nothing runs on a timer.
 */
export class OutlierDetector {
  readonly #threshold: number;
  readonly #baseMs: number;
  readonly #maxMs: number;
  readonly #maxEjectionShare: number;
  readonly #panicShare: number;
  readonly #now: () => number;
  readonly #onEject: (event: EjectionEvent) => void;
  /** service → instance id → entry. */
  readonly #services = new Map<string, Map<string, Entry>>();

  constructor(options: OutlierDetectorOptions = {}) {
    this.#threshold = integerAtLeast('consecutiveFailures', options.consecutiveFailures ?? 5, 1);
    this.#baseMs = integerAtLeast('baseEjectionMs', options.baseEjectionMs ?? 30_000, 1);
    this.#maxMs = integerAtLeast('maxEjectionMs', options.maxEjectionMs ?? 300_000, this.#baseMs);
    this.#maxEjectionShare = percent('maxEjectionPercent', options.maxEjectionPercent ?? 34) / 100;
    this.#panicShare = percent('panicThresholdPercent', options.panicThresholdPercent ?? 50) / 100;
    this.#now = options.now ?? Date.now;
    const onEject = options.onEject;
    this.#onEject = (event) => {
      try {
        onEject?.(event);
      } catch {
        // A faulty listener must not break calls.
      }
    };
  }

  /**
   * Records the outcome of one call to `instanceId` of `service`, which has `liveCount` instances
   * in the current view (for the ejection cap). Returns true when this call ejected it.
   */
  record(service: string, instanceId: string, outcome: CallOutcome, liveCount: number): boolean {
    if (outcome === 'neutral') return false;
    const entries = this.#entries(service);
    let entry = entries.get(instanceId);
    if (outcome === 'success') {
      if (entry !== undefined) entry.consecutiveFailures = 0;
      return false;
    }
    if (entry === undefined) {
      entry = { consecutiveFailures: 0, ejections: 0, ejectedUntil: 0 };
      entries.set(instanceId, entry);
    }
    entry.consecutiveFailures += 1;
    const now = this.#now();
    if (entry.ejectedUntil > now || entry.consecutiveFailures < this.#threshold) return false;
    const ejectedNow = this.#ejectedCount(entries, now);
    const allowed = Math.max(1, Math.floor(liveCount * this.#maxEjectionShare + 1e-9));
    if (ejectedNow >= allowed) return false;
    // Decay: each uneventful base interval since the last ejection ended takes one off n.
    const quietIntervals = entry.ejectedUntil === 0 ? 0 : Math.floor((now - entry.ejectedUntil) / this.#baseMs);
    entry.ejections = Math.max(0, entry.ejections - quietIntervals) + 1;
    const durationMs = Math.min(this.#maxMs, this.#baseMs * entry.ejections);
    entry.ejectedUntil = now + durationMs;
    const failures = entry.consecutiveFailures;
    entry.consecutiveFailures = 0;
    this.#onEject({ service, instanceId, durationMs, ejections: entry.ejections, consecutiveFailures: failures });
    return true;
  }

  /** Whether `instanceId` of `service` is ejected right now. */
  isEjected(service: string, instanceId: string): boolean {
    return (this.#services.get(service)?.get(instanceId)?.ejectedUntil ?? 0) > this.#now();
  }

  /**
   * The instances calls may go to: those not ejected, or all of them in panic mode (fewer than
   * `panicThresholdPercent` left). Returns the same array when nothing is ejected.
   */
  eligible<T extends { readonly id: string }>(service: string, instances: readonly T[]): readonly T[] {
    const entries = this.#services.get(service);
    if (entries === undefined || instances.length === 0) return instances;
    const now = this.#now();
    let healthy: T[] | undefined;
    for (let i = 0; i < instances.length; i += 1) {
      const instance = instances[i] as T;
      const ejected = (entries.get(instance.id)?.ejectedUntil ?? 0) > now;
      if (ejected && healthy === undefined) healthy = instances.slice(0, i);
      else if (!ejected && healthy !== undefined) healthy.push(instance);
    }
    if (healthy === undefined) return instances;
    return healthy.length < instances.length * this.#panicShare ? instances : healthy;
  }

  /** Whether `service` is in panic mode over `instances` (too few left if ejections were honoured). */
  panicking(service: string, instances: readonly { readonly id: string }[]): boolean {
    const eligible = this.eligible(service, instances);
    return eligible === instances && instances.some((instance) => this.isEjected(service, instance.id));
  }

  /** Every tracked instance's health, per service (for readiness details and tests). */
  health(): Record<string, Record<string, InstanceHealth>> {
    const now = this.#now();
    const result: Record<string, Record<string, InstanceHealth>> = {};
    for (const [service, entries] of this.#services) {
      const view: Record<string, InstanceHealth> = {};
      for (const [id, entry] of entries) {
        view[id] =
          entry.ejectedUntil > now
            ? { state: 'ejected', until: entry.ejectedUntil, ejections: entry.ejections }
            : { state: 'healthy', consecutiveFailures: entry.consecutiveFailures };
      }
      result[service] = view;
    }
    return result;
  }

  /** Forgets instances of `service` that are no longer in `liveIds` (they left the registry). */
  retain(service: string, liveIds: ReadonlySet<string>): void {
    const entries = this.#services.get(service);
    if (entries === undefined) return;
    for (const id of entries.keys()) if (!liveIds.has(id)) entries.delete(id);
    if (entries.size === 0) this.#services.delete(service);
  }

  #entries(service: string): Map<string, Entry> {
    let entries = this.#services.get(service);
    if (entries === undefined) {
      entries = new Map();
      this.#services.set(service, entries);
    }
    return entries;
  }

  #ejectedCount(entries: ReadonlyMap<string, Entry>, now: number): number {
    let count = 0;
    for (const entry of entries.values()) if (entry.ejectedUntil > now) count += 1;
    return count;
  }
}

function integerAtLeast(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`OutlierDetector: ${name} must be an integer >= ${min}, got ${String(value)}.`);
  }
  return value;
}

function percent(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new RangeError(`OutlierDetector: ${name} must be a percentage from 0 to 100, got ${String(value)}.`);
  }
  return value;
}
