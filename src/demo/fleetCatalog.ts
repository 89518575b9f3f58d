import { readFileSync } from 'node:fs';
import type servicesJson from '../../schemas/services.json';
import type { Protocol } from '../registry/types.ts';

/** A service of the demo fleet: one of `schemas/services.json` (the type is derived from the file's keys). */
export type ServiceName = keyof (typeof servicesJson)['services'];

/** What the fleet needs of one service: the protocol it registers with, and for gRPC its proto. */
export interface FleetServiceEntry {
  readonly name: ServiceName;
  /** As registered: `http` for the catalog's `rest`, `grpc`, `graphql`. */
  readonly protocol: Protocol;
  /** gRPC only: the `.proto` under `schemas/proto/` and the fully qualified service it declares. */
  readonly grpc: { readonly protoFile: string; readonly service: string } | undefined;
}

/**
 * Reads the fleet's view of a service catalog (`schemas/services.json`, the gateway's own list; the
 * gateway validates the rest of each entry). Throws an Error naming `source` and the bad entry.
 */
export function parseFleetCatalog(content: unknown, source: string): readonly FleetServiceEntry[] {
  const services = (content as { services?: unknown } | null)?.services;
  if (typeof services !== 'object' || services === null || Array.isArray(services)) throw new Error(`${source}: "services" must be an object of entries by name`);
  return Object.freeze(
    Object.entries(services as Record<string, unknown>).map(([name, raw]) => {
      const entry = raw as { protocol?: unknown; grpc?: { protoFile?: unknown; service?: unknown } } | null;
      if (entry?.protocol === 'rest') return Object.freeze({ name: name as ServiceName, protocol: 'http' as const, grpc: undefined });
      if (entry?.protocol === 'graphql') return Object.freeze({ name: name as ServiceName, protocol: 'graphql' as const, grpc: undefined });
      if (entry?.protocol !== 'grpc') throw new Error(`${source}: services.${name}.protocol must be "rest", "grpc" or "graphql"`);
      const { protoFile, service } = entry.grpc ?? {};
      if (typeof protoFile !== 'string' || typeof service !== 'string') throw new Error(`${source}: services.${name}.grpc needs a protoFile and a service`);
      return Object.freeze({ name: name as ServiceName, protocol: 'grpc' as const, grpc: Object.freeze({ protoFile, service }) });
    }),
  );
}

/** Every service of the fleet, in the catalog's order: read once from `schemas/services.json`. */
export const FLEET_CATALOG: readonly FleetServiceEntry[] = parseFleetCatalog(
  JSON.parse(readFileSync(new URL('../../schemas/services.json', import.meta.url), 'utf8')),
  'schemas/services.json',
);
