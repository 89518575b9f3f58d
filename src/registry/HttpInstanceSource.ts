import type { FleetSnapshot, InstanceSource, InstanceSourceStatus, ServiceInstance } from './types.ts';
import { SnapshotListeners } from './SnapshotListeners.ts';
import { readInstance } from './readInstance.ts';
import { describeError } from '../errors/index.ts';

export type { InstanceSourceStatus } from './types.ts';

/** Options of {@link HttpInstanceSource}. */
export interface HttpInstanceSourceOptions {
  /** Base URL of the registry, e.g. `http://127.0.0.1:4200` (a trailing `/registry/v1` is accepted). */
  registryUrl: string;
  /** Pause between two polls, in milliseconds. Default 1 000. */
  pollIntervalMs?: number;
  /** Timeout of one poll, in milliseconds. Default 1 000. */
  requestTimeoutMs?: number;
  /** Clock, in milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Called when the registry becomes unreachable or reachable again (not on every poll); must not throw. */
  onStatusChange?: (status: InstanceSourceStatus) => void;
}



/**
 * An {@link InstanceSource} fed by polling a remote registry's `GET /registry/v1/services`. Fails
 * static: when the registry is unreachable it keeps the last known snapshot, and an empty (or
 * missing) list for a service that had instances is ignored (empty-push protection).
 */
export class HttpInstanceSource implements InstanceSource {
  readonly #url: string;
  readonly #pollIntervalMs: number;
  readonly #requestTimeoutMs: number;
  readonly #now: () => number;
  readonly #onStatusChange: ((status: InstanceSourceStatus) => void) | undefined;
  readonly #listeners = new SnapshotListeners();
  #snapshot: FleetSnapshot = Object.freeze({ revision: 0, services: new Map() });
  #status: InstanceSourceStatus = { reachable: false };
  /** Reachability last told to `onStatusChange` (none yet: the first poll is always told). */
  #reported: boolean | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #inFlight: Promise<boolean> | undefined;

  constructor(options: HttpInstanceSourceOptions) {
    let url: URL;
    try {
      url = new URL(options.registryUrl);
    } catch {
      throw new TypeError(`HttpInstanceSource: registryUrl must be an absolute URL, got ${JSON.stringify(options.registryUrl)}.`);
    }
    this.#url = `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/registry\/v1$/, '')}/registry/v1/services`;
    this.#pollIntervalMs = positive('pollIntervalMs', options.pollIntervalMs ?? 1_000);
    this.#requestTimeoutMs = positive('requestTimeoutMs', options.requestTimeoutMs ?? 1_000);
    this.#now = options.now ?? Date.now;
    this.#onStatusChange = options.onStatusChange;
  }

  /** The last known snapshot (revision 0 and empty until the first successful poll). */
  current(): FleetSnapshot {
    return this.#snapshot;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. Listener errors are ignored. */
  subscribe(listener: (snapshot: FleetSnapshot) => void): () => void {
    return this.#listeners.subscribe(listener);
  }

  /** Whether the last poll reached the registry, its error, and when one last succeeded. */
  status(): InstanceSourceStatus {
    return { ...this.#status };
  }

  /** Polls now (joining a poll in flight); resolves whether the registry answered. Never rejects. */
  refresh(): Promise<boolean> {
    this.#inFlight ??= this.#poll().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  /** Polls at once, then every `pollIntervalMs` (unref'd timer); returns the cleanup, same as {@link stop}. */
  start(): () => void {
    if (!this.#running) {
      this.#running = true;
      void this.#loop();
    }
    return () => this.stop();
  }

  /** Stops polling; the last snapshot stays available. */
  stop(): void {
    this.#running = false;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #loop(): Promise<void> {
    await this.refresh();
    if (!this.#running) return;
    this.#timer = setTimeout(() => void this.#loop(), this.#pollIntervalMs);
    this.#timer.unref();
  }

  async #poll(): Promise<boolean> {
    let body: unknown;
    try {
      const response = await fetch(this.#url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.#requestTimeoutMs),
      });
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new Error(`registry answered ${response.status}`);
      }
      body = await response.json();
    } catch (error) {
      this.#setStatus({ ...this.#status, reachable: false, lastError: describeError(error) });
      return false;
    }
    const services = parseServices(body);
    if (services === undefined) {
      this.#setStatus({ ...this.#status, reachable: false, lastError: 'registry answered an unexpected body' });
      return false;
    }
    this.#setStatus({ reachable: true, lastSuccessAt: this.#now() });
    this.#apply(services);
    return true;
  }

  #setStatus(status: InstanceSourceStatus): void {
    this.#status = status;
    if (status.reachable === this.#reported) return;
    this.#reported = status.reachable;
    try {
      this.#onStatusChange?.({ ...status });
    } catch {
      // A faulty listener must not stop the polling.
    }
  }

  #apply(remote: Map<string, ServiceInstance[]>): void {
    const next = new Map<string, readonly ServiceInstance[]>();
    const names = new Set([...remote.keys(), ...this.#snapshot.services.keys()]);
    for (const name of [...names].sort()) {
      const fresh = remote.get(name) ?? [];
      const known = this.#snapshot.services.get(name) ?? [];
      // Empty-push protection: an empty list never replaces a known non-empty one.
      const chosen = fresh.length > 0 ? fresh : known;
      if (chosen.length > 0) next.set(name, Object.freeze([...chosen].sort((a, b) => compare(a.id, b.id))));
    }
    if (sameServices(next, this.#snapshot.services)) return;
    this.#snapshot = Object.freeze({ revision: this.#snapshot.revision + 1, services: next });
    this.#listeners.publish(this.#snapshot);
  }
}

/** Parses `{"revision", "services": {"<name>": [Instance]}}`, skipping malformed instances. */
function parseServices(body: unknown): Map<string, ServiceInstance[]> | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const services = (body as { services?: unknown }).services;
  if (typeof services !== 'object' || services === null || Array.isArray(services)) return undefined;
  const result = new Map<string, ServiceInstance[]>();
  for (const [name, list] of Object.entries(services)) {
    if (!Array.isArray(list)) continue;
    const instances = list.map((item) => toInstance(name, item)).filter((item) => item !== undefined);
    result.set(name, instances);
  }
  return result;
}

function toInstance(service: string, value: unknown): ServiceInstance | undefined {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? readInstance(service, id, value) : undefined;
}

function sameServices(a: ReadonlyMap<string, readonly ServiceInstance[]>, b: ReadonlyMap<string, readonly ServiceInstance[]>): boolean {
  return JSON.stringify([...a]) === JSON.stringify([...b]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`HttpInstanceSource: ${name} must be a positive number of milliseconds, got ${String(value)}.`);
  }
  return value;
}

