import { randomUUID } from 'node:crypto';
import { GatewayError } from '../errors/index.ts';
import type { FleetSnapshot, InstanceSource, Lease, RegistrationRequest, ServiceInstance } from './types.ts';
import { SnapshotListeners } from './SnapshotListeners.ts';
import { toServiceInstance } from './toServiceInstance.ts';

/** Options of {@link InstanceStore}. */
export interface InstanceStoreOptions {
  /** Milliseconds of silence after which an instance is evicted. Default 15 000. */
  ttlMs?: number;
  /** How often instances are told to heartbeat, in milliseconds; must be below `ttlMs`. Default 5 000. */
  heartbeatIntervalMs?: number;
  /** How often `start()` sweeps for expired leases, in milliseconds. Default 1 000. */
  sweepIntervalMs?: number;
  /**
   * Fleet-wide self-preservation: when more than half of all instances (and at least 2) expire in
   * the same sweep, eviction pauses (a registry-side or network fault, not a crash). Default true.
   */
  selfPreservation?: boolean;
  /** Longest self-preservation pause, in milliseconds; then expired instances are evicted anyway. Default 4 × `ttlMs`. */
  selfPreservationMaxMs?: number;
  /** Clock, in milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

interface Entry {
  readonly leaseId: string;
  readonly instance: ServiceInstance;
  lastSeen: number;
}

const EMPTY: FleetSnapshot = Object.freeze({ revision: 0, services: new Map() });

/**
 * The embedded registry's state: leases renewed by heartbeats, evicted after `ttlMs` of silence.
 * Pushes a new {@link FleetSnapshot} to subscribers on every change.
 */
export class InstanceStore implements InstanceSource {
  readonly ttlMs: number;
  readonly heartbeatIntervalMs: number;
  readonly #sweepIntervalMs: number;
  readonly #selfPreservation: boolean;
  readonly #selfPreservationMaxMs: number;
  readonly #now: () => number;
  readonly #byLease = new Map<string, Entry>();
  /** `service/id` → lease id, so that re-registering replaces the old entry. */
  readonly #byInstance = new Map<string, string>();
  readonly #listeners = new SnapshotListeners();
  #snapshot: FleetSnapshot = EMPTY;
  #preservingSince: number | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: InstanceStoreOptions = {}) {
    this.ttlMs = positive('ttlMs', options.ttlMs ?? 15_000);
    this.heartbeatIntervalMs = positive('heartbeatIntervalMs', options.heartbeatIntervalMs ?? 5_000);
    if (this.heartbeatIntervalMs >= this.ttlMs) {
      throw new RangeError(
        `InstanceStore: heartbeatIntervalMs (${this.heartbeatIntervalMs}) must be below ttlMs (${this.ttlMs}).`,
      );
    }
    this.#sweepIntervalMs = positive('sweepIntervalMs', options.sweepIntervalMs ?? 1_000);
    this.#selfPreservation = options.selfPreservation ?? true;
    this.#selfPreservationMaxMs = positive('selfPreservationMaxMs', options.selfPreservationMaxMs ?? 4 * this.ttlMs);
    this.#now = options.now ?? Date.now;
  }

  /**
   * Registers an instance (replacing a previous registration with the same service and id) and
   * returns its lease. Throws `GatewayError` `BAD_REQUEST` with the reason for an invalid request.
   */
  register(request: RegistrationRequest): Lease {
    const instance: ServiceInstance = toServiceInstance(request);
    const key = instanceKey(instance.service, instance.id);
    const previousLease = this.#byInstance.get(key);
    const previous = previousLease === undefined ? undefined : this.#byLease.get(previousLease);
    if (previousLease !== undefined) this.#byLease.delete(previousLease);

    const leaseId = randomUUID();
    this.#byLease.set(leaseId, { leaseId, instance, lastSeen: this.#now() });
    this.#byInstance.set(key, leaseId);
    if (previous === undefined || !sameInstance(previous.instance, instance)) this.#changed();
    return { leaseId, instanceId: instance.id, ttlMs: this.ttlMs, heartbeatIntervalMs: this.heartbeatIntervalMs };
  }

  /**
   * Renews a lease. Throws `GatewayError` `LEASE_NOT_FOUND` when the lease is unknown or expired
   * (the instance must register again).
   */
  heartbeat(leaseId: string): void {
    this.sweep();
    const entry = this.#byLease.get(leaseId);
    if (entry === undefined) {
      throw new GatewayError('LEASE_NOT_FOUND', 'The lease is unknown or expired: register again.');
    }
    entry.lastSeen = this.#now();
  }

  /** Removes a lease and its instance; returns whether it existed. */
  deregister(leaseId: string): boolean {
    const entry = this.#byLease.get(leaseId);
    if (entry === undefined) return false;
    this.#remove(entry);
    this.#changed();
    return true;
  }

  /** Every service's live instances at the current revision. */
  snapshot(): FleetSnapshot {
    return this.#snapshot;
  }

  /** Same as {@link snapshot}, for {@link InstanceSource}. */
  current(): FleetSnapshot {
    return this.#snapshot;
  }

  /**
   * Calls `listener` with the new snapshot after every change; returns the unsubscribe function.
   * A listener that throws is ignored so that it cannot break the registry or other listeners.
   */
  subscribe(listener: (snapshot: FleetSnapshot) => void): () => void {
    return this.#listeners.subscribe(listener);
  }

  /** Whether eviction is currently paused by fleet-wide self-preservation. */
  get preserving(): boolean {
    return this.#preservingSince !== undefined;
  }

  /** Evicts instances silent for longer than `ttlMs` (unless self-preservation holds); `start()` calls it on a timer. */
  sweep(): void {
    const now = this.#now();
    const expired = [...this.#byLease.values()].filter((entry) => now - entry.lastSeen > this.ttlMs);
    if (expired.length === 0) {
      this.#preservingSince = undefined;
      return;
    }
    const massExpiry = expired.length >= 2 && expired.length * 2 > this.#byLease.size;
    if (this.#selfPreservation && massExpiry) {
      this.#preservingSince ??= now;
      if (now - this.#preservingSince < this.#selfPreservationMaxMs) return;
    }
    this.#preservingSince = undefined;
    for (const entry of expired) this.#remove(entry);
    this.#changed();
  }

  /** Starts the eviction timer (unref'd); returns the cleanup, same as {@link stop}. */
  start(): () => void {
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => this.sweep(), this.#sweepIntervalMs);
      this.#timer.unref();
    }
    return () => this.stop();
  }

  /** Stops the eviction timer. */
  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #remove(entry: Entry): void {
    this.#byLease.delete(entry.leaseId);
    const key = instanceKey(entry.instance.service, entry.instance.id);
    if (this.#byInstance.get(key) === entry.leaseId) this.#byInstance.delete(key);
  }

  #changed(): void {
    const services = new Map<string, ServiceInstance[]>();
    for (const { instance } of this.#byLease.values()) {
      const list = services.get(instance.service);
      if (list === undefined) services.set(instance.service, [instance]);
      else list.push(instance);
    }
    const sorted = new Map<string, readonly ServiceInstance[]>();
    for (const name of [...services.keys()].sort()) {
      const list = services.get(name) ?? [];
      sorted.set(name, Object.freeze(list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))));
    }
    this.#snapshot = Object.freeze({ revision: this.#snapshot.revision + 1, services: sorted });
    this.#listeners.publish(this.#snapshot);
  }
}

function instanceKey(service: string, id: string): string {
  return `${service}/${id}`;
}

function sameInstance(a: ServiceInstance, b: ServiceInstance): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`InstanceStore: ${name} must be a positive number of milliseconds, got ${String(value)}.`);
  }
  return value;
}
