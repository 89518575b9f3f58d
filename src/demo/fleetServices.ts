import type { Protocol } from '../registry/types.ts';

/** Every service of the demo fleet and the protocol it speaks. */
export const SERVICE_PROTOCOLS = Object.freeze({
  riders: 'http',
  drivers: 'grpc',
  trips: 'http',
  catalog: 'http',
  pricing: 'grpc',
  reviews: 'http',
  recommendations: 'http',
  notifications: 'http',
} as const satisfies Record<string, Protocol>);

/** A service of the demo fleet. */
export type ServiceName = keyof typeof SERVICE_PROTOCOLS;

/** Service names, in a stable order. */
export const SERVICE_NAMES: readonly ServiceName[] = Object.freeze(Object.keys(SERVICE_PROTOCOLS) as ServiceName[]);

/** True for a known service name. */
export function isServiceName(value: string): value is ServiceName {
  return Object.hasOwn(SERVICE_PROTOCOLS, value);
}

/** How many instances each service runs unless `FLEET_INSTANCES` says otherwise. */
export const DEFAULT_INSTANCE_COUNTS: Readonly<Record<ServiceName, number>> = Object.freeze({
  riders: 1,
  drivers: 2,
  trips: 1,
  catalog: 1,
  pricing: 2,
  reviews: 1,
  recommendations: 1,
  notifications: 1,
});

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
