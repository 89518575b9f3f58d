import type { Etcd3, Lease as EtcdLease } from 'etcd3';
import { createEtcdClient } from './createEtcdClient.ts';
import { encodeInstance, instanceKey, type EtcdLocation } from './etcdLayout.ts';
import type { RegistryClientEvent } from './RegistryClient.ts';
import type { Lease, RegistrationRequest, ServiceInstance } from './types.ts';
import { toServiceInstance } from './toServiceInstance.ts';
import { JitteredBackoff } from '../resilience/JitteredBackoff.ts';
import { raceTimeout } from '../resilience/raceTimeout.ts';
import { describeError } from '../errors/index.ts';
import { safeListener } from './safeListener.ts';

/** Options of {@link EtcdRegistrar}. */
export interface EtcdRegistrarOptions {
  /** Endpoints, key prefix and lease TTL (see `parseEtcdUrl`). */
  location: EtcdLocation;
  /** What to register; an id is drawn (`<service>-<8 hex>`) when absent and kept for re-registrations. */
  registration: RegistrationRequest;
  /** Called on every lifecycle event (same events as `RegistryClient`); must not throw. */
  onEvent?: (event: RegistryClientEvent) => void;
  /** An etcd client to use (not closed by `stop()`). Default: an own one, closed by `stop()`. */
  client?: Etcd3;
}

/** Registration retry backoff: first delay and cap, in milliseconds (×2 per attempt, ±20 % jitter). */
const BACKOFF_BASE_MS = 100;
const BACKOFF_MAX_MS = 2_000;
/** The gateway's one jittered backoff (a dependency-free module), for registration retries. */
const registrationBackoff = new JitteredBackoff({ initialMs: BACKOFF_BASE_MS, maxMs: BACKOFF_MAX_MS });
/** Bound on the revocation in `stop()`, in milliseconds. */
const STOP_TIMEOUT_MS = 1_000;

/**
 * Keeps one service instance registered in etcd: the key `<prefix><service>/<id>` holds the
 * instance as JSON and is bound to a lease of `leaseTtlSec`, kept alive every TTL/3 by etcd3.
 * When etcd is down at start it retries with backoff; when the lease is lost (etcd was away for
 * longer than the TTL, or the lease was revoked) it grants a new one and writes the key again
 * (`re-registered`). `stop()` revokes the lease, which deletes the key at once (deregistration).
 * The same lifecycle as `RegistryClient`, so services use either through `createRegistrar`.
 */
export class EtcdRegistrar {
  readonly #location: EtcdLocation;
  readonly #instance: ServiceInstance;
  readonly #client: Etcd3;
  readonly #ownsClient: boolean;
  readonly #onEvent: (event: RegistryClientEvent) => void;
  #etcdLease: EtcdLease | undefined;
  #lease: Lease | undefined;
  #started: Promise<Lease> | undefined;
  #stopped = false;
  #wake: (() => void) | undefined;

  /** @throws GatewayError `BAD_REQUEST` with the reason for an invalid registration. */
  constructor(options: EtcdRegistrarOptions) {
    this.#location = options.location;
    this.#instance = toServiceInstance(options.registration);
    this.#ownsClient = options.client === undefined;
    this.#client = options.client ?? createEtcdClient(options.location.endpoints);
    this.#onEvent = safeListener(options.onEvent);
  }

  /** The current lease (`leaseId` is etcd's lease id), once registered. */
  get lease(): Lease | undefined {
    return this.#lease;
  }

  /** The key this instance is registered under. */
  get key(): string {
    return instanceKey(this.#location.prefix, this.#instance.service, this.#instance.id);
  }

  /** Registers (retrying until etcd answers), then keeps the lease alive. Resolves with the first lease; rejects if `stop()` comes first. */
  start(): Promise<Lease> {
    this.#started ??= this.#registerUntilDone().then((lease) => {
      this.#onEvent({ type: 'registered', detail: lease.instanceId });
      return lease;
    });
    return this.#started;
  }

  /** Revokes the lease (the key disappears at once; best effort, bounded to ~1 s) and closes an own client. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#wake?.();
    const lease = this.#etcdLease;
    this.#etcdLease = undefined;
    this.#lease = undefined;
    if (lease !== undefined) {
      lease.removeAllListeners();
      try {
        await withTimeout(lease.revoke(), STOP_TIMEOUT_MS);
        this.#onEvent({ type: 'deregistered', detail: 'lease revoked' });
      } catch (error) {
        lease.release();
        this.#onEvent({ type: 'deregistered', detail: `best effort, failed: ${describeError(error)}` });
      }
    }
    if (this.#ownsClient) this.#client.close();
  }

  async #registerUntilDone(): Promise<Lease> {
    for (let attempt = 0; ; attempt += 1) {
      if (this.#stopped) throw new Error('EtcdRegistrar stopped before registering.');
      try {
        return await this.#register();
      } catch (error) {
        if (this.#stopped) throw new Error('EtcdRegistrar stopped before registering.');
        this.#onEvent({ type: 'heartbeat-failed', detail: `register: ${describeError(error)}` });
      }
      await this.#sleep(Math.round(registrationBackoff.delayMs(attempt)));
    }
  }

  async #register(): Promise<Lease> {
    const etcdLease = this.#client.lease(this.#location.leaseTtlSec);
    try {
      const leaseId = await etcdLease.grant();
      await etcdLease.put(this.key).value(encodeInstance(this.#instance)).exec();
      if (this.#stopped) {
        await etcdLease.revoke().catch(() => etcdLease.release());
        throw new Error('EtcdRegistrar stopped before registering.');
      }
      etcdLease.on('keepaliveFailed', (error) => {
        this.#onEvent({ type: 'heartbeat-failed', detail: describeError(error) });
      });
      etcdLease.on('lost', (error) => {
        if (this.#stopped || this.#etcdLease !== etcdLease) return;
        this.#etcdLease = undefined;
        this.#onEvent({ type: 'heartbeat-failed', detail: `lease lost: ${describeError(error)}` });
        void this.#registerUntilDone().then(
          (lease) => this.#onEvent({ type: 're-registered', detail: lease.instanceId }),
          () => {},
        );
      });
      this.#etcdLease = etcdLease;
      const ttlMs = this.#location.leaseTtlSec * 1_000;
      this.#lease = { leaseId, instanceId: this.#instance.id, ttlMs, heartbeatIntervalMs: Math.round(ttlMs / 3) };
      return this.#lease;
    } catch (error) {
      etcdLease.removeAllListeners();
      etcdLease.release();
      throw error;
    }
  }

  /** Sleeps `ms`, waking early when `stop()` is called. */
  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }
}

/** `promise`, or a rejection after `ms` (the gateway's one timeout race). */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  const outcome = await raceTimeout(() => promise, ms);
  if (outcome.kind === 'value') return outcome.value;
  if (outcome.kind === 'error') throw outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error));
  throw new Error(`timed out after ${ms} ms`);
}

