import type { Protocol, ServiceInstance } from './types.ts';

const protocols: readonly Protocol[] = ['http', 'grpc', 'graphql'];

/**
 * An instance as another registry sent or stored it (JSON from the HTTP API or an etcd value),
 * with its service and id given by where it was found; `undefined` when it is not a valid
 * instance. Lenient on the optional fields: a bad weight is 1, non-string metadata is dropped.
 */
export function readInstance(service: string, id: string, value: unknown): ServiceInstance | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { address, protocol, zone, version, weight, metadata } = value as Record<string, unknown>;
  if (typeof address !== 'string' || typeof protocol !== 'string' || !protocols.includes(protocol as Protocol)) return undefined;
  const cleanMetadata: Record<string, string> = {};
  if (typeof metadata === 'object' && metadata !== null) {
    for (const [name, item] of Object.entries(metadata)) if (typeof item === 'string') cleanMetadata[name] = item;
  }
  return Object.freeze({
    service,
    id,
    address,
    protocol: protocol as Protocol,
    ...(typeof zone === 'string' ? { zone } : {}),
    ...(typeof version === 'string' ? { version } : {}),
    weight: typeof weight === 'number' && Number.isFinite(weight) && weight > 0 ? weight : 1,
    metadata: Object.freeze(cleanMetadata),
  });
}
