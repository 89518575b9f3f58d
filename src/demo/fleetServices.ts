import type { Protocol } from '../registry/types.ts';
import { FLEET_CATALOG, type ServiceName } from './fleetCatalog.ts';

export type { ServiceName };

/** Every service of the demo fleet (`schemas/services.json`) and the protocol it speaks. */
export const SERVICE_PROTOCOLS: Readonly<Record<ServiceName, Protocol>> = Object.freeze(
  Object.fromEntries(FLEET_CATALOG.map((entry) => [entry.name, entry.protocol])) as Record<ServiceName, Protocol>,
);

/** Service names, in a stable order (the catalog's). */
export const SERVICE_NAMES: readonly ServiceName[] = Object.freeze(FLEET_CATALOG.map((entry) => entry.name));

/** True for a known service name. */
export function isServiceName(value: string): value is ServiceName {
  return Object.hasOwn(SERVICE_PROTOCOLS, value);
}

/** Services that run more than one instance unless `FLEET_INSTANCES` says otherwise (so balancing and failover show). */
const SEVERAL_INSTANCES: Readonly<Partial<Record<ServiceName, number>>> = { drivers: 2, pricing: 2, promotions: 2 };

/** How many instances each service runs unless `FLEET_INSTANCES` says otherwise: 2 of drivers, pricing and promotions, 1 of the rest. */
export const DEFAULT_INSTANCE_COUNTS: Readonly<Record<ServiceName, number>> = Object.freeze(
  Object.fromEntries(SERVICE_NAMES.map((service) => [service, SEVERAL_INSTANCES[service] ?? 1])) as Record<ServiceName, number>,
);

/** Upper bound per service, so a typo cannot fork hundreds of processes. */
export const MAX_INSTANCES_PER_SERVICE = 16;

/**
 * Parses `drivers=3,pricing=2` over the defaults; `0` leaves a service out. Throws a message
 * naming the bad entry.
 */
export function parseInstanceCounts(spec: string): Record<ServiceName, number> {
  const counts: Record<ServiceName, number> = { ...DEFAULT_INSTANCE_COUNTS };
  for (const entry of spec.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const match = /^([a-z]+)\s*=\s*(\d+)$/.exec(entry);
    const name = match?.[1];
    const count = Number(match?.[2]);
    if (name === undefined || !isServiceName(name)) {
      throw new Error(`"${entry}" is not <service>=<count> with a service among ${SERVICE_NAMES.join(', ')}`);
    }
    if (!Number.isInteger(count) || count > MAX_INSTANCES_PER_SERVICE) {
      throw new Error(`"${entry}": count must be 0..${MAX_INSTANCES_PER_SERVICE}`);
    }
    counts[name] = count;
  }
  return counts;
}
