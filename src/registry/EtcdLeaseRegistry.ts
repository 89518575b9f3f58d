import type { Etcd3 } from 'etcd3';
import { GatewayError } from '../errors/index.ts';
import type { RegistryBackend } from './createRegistryHttpHandler.ts';
import { ETCD_CALL_TIMEOUT_MS } from './createEtcdClient.ts';
import { encodeInstance, instanceKey } from './etcdLayout.ts';
import type { InstanceSource, Lease, RegistrationRequest, ServiceInstance } from './types.ts';
import { toServiceInstance } from './toServiceInstance.ts';

/** Options of {@link EtcdLeaseRegistry}. */
export interface EtcdLeaseRegistryOptions {
  client: Etcd3;
  /** Key prefix, ending with `/`. */
  prefix: string;
  /** Lease TTL of HTTP registrations, seconds (heartbeats are asked every TTL/3). */
  leaseTtlSec: number;
  /** The etcd view (an `EtcdInstanceSource`), served by `GET /registry/v1/services`. */
  view: InstanceSource;
}

/**
 * The registry HTTP API over etcd, so that services using the HTTP API (or `RegistryClient`)
 * land in etcd like those using `EtcdRegistrar`: a registration grants an etcd lease and writes
 * the instance's key bound to it; the API's lease id is etcd's, so a heartbeat (one keep-alive)
 * or a deregistration (a revoke) may reach any gateway replica. An unknown or expired lease is
 * `LEASE_NOT_FOUND` (register again); etcd unreachable is `SERVICE_UNAVAILABLE` (retry later).
 */
export class EtcdLeaseRegistry implements RegistryBackend {
  readonly ttlMs: number;
  readonly #client: Etcd3;
  readonly #prefix: string;
  readonly #ttlSec: number;
  readonly #view: InstanceSource;

  constructor(options: EtcdLeaseRegistryOptions) {
    if (!Number.isInteger(options.leaseTtlSec) || options.leaseTtlSec < 1) {
      throw new RangeError(`EtcdLeaseRegistry: leaseTtlSec must be a whole number of seconds >= 1, got ${String(options.leaseTtlSec)}.`);
    }
    this.#client = options.client;
    this.#prefix = options.prefix;
    this.#ttlSec = options.leaseTtlSec;
    this.#view = options.view;
    this.ttlMs = options.leaseTtlSec * 1_000;
  }

  /** Grants a lease and writes the instance's key bound to it. */
  async register(request: RegistrationRequest): Promise<Lease> {
    const instance: ServiceInstance = toServiceInstance(request);
    const leaseId = await this.#etcd(async () => {
      const granted = await this.#client.leaseClient.leaseGrant({ TTL: this.#ttlSec });
      await this.#client.put(instanceKey(this.#prefix, instance.service, instance.id)).value(encodeInstance(instance)).lease(granted.ID).exec();
      return String(granted.ID);
    });
    return { leaseId, instanceId: instance.id, ttlMs: this.ttlMs, heartbeatIntervalMs: Math.round(this.ttlMs / 3) };
  }

  /** One keep-alive of the lease; `LEASE_NOT_FOUND` when etcd no longer has it. */
  async heartbeat(leaseId: string): Promise<void> {
    if (!/^\d{1,20}$/.test(leaseId)) throw leaseNotFound();
    const ttl = await this.#etcd(async () => {
      const stream = await this.#client.leaseClient.leaseKeepAlive();
      try {
        return await new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('keep-alive timed out')), ETCD_CALL_TIMEOUT_MS);
          stream.on('data', (response: { TTL: string | number }) => {
            clearTimeout(timer);
            resolve(Number(response.TTL));
          });
          stream.on('error', (error: Error) => {
            clearTimeout(timer);
            reject(error);
          });
          stream.write({ ID: leaseId });
        });
      } finally {
        stream.end();
      }
    });
    if (!(ttl > 0)) throw leaseNotFound();
  }

  /** Revokes the lease (its key goes with it); false when etcd did not know it. */
  async deregister(leaseId: string): Promise<boolean> {
    if (!/^\d{1,20}$/.test(leaseId)) return false;
    try {
      await this.#client.leaseClient.leaseRevoke({ ID: leaseId });
      return true;
    } catch (error) {
      if (/not found/i.test(String((error as Error).message))) return false;
      throw unavailable(error);
    }
  }

  /** The watched etcd view. */
  snapshot() {
    return this.#view.current();
  }

  async #etcd<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw unavailable(error);
    }
  }
}

function leaseNotFound(): GatewayError {
  return new GatewayError('LEASE_NOT_FOUND', 'The lease is unknown or expired: register again.');
}

function unavailable(error: unknown): GatewayError {
  return new GatewayError('SERVICE_UNAVAILABLE', 'The registry (etcd) is unavailable; retry later.', { cause: error });
}
