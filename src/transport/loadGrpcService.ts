import { loadSync } from '@grpc/proto-loader';
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { PROTO_LOADER_OPTIONS } from '../../schemas/proto/protoLoaderOptions.ts';

export { PROTO_LOADER_OPTIONS };

const cache = new Map<string, ServiceDefinition>();

/**
 * Loads the definition of `serviceName` (fully qualified, e.g. `ride.drivers.v1.DriversService`)
 * from the .proto at `protoPath`; cached per path and name. Throws an `Error` naming both when
 * the service is not in the file.
 */
export function loadGrpcService(protoPath: string, serviceName: string): ServiceDefinition {
  const key = `${protoPath}\u0000${serviceName}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const packageDefinition = loadSync(protoPath, { ...PROTO_LOADER_OPTIONS });
  const definition = packageDefinition[serviceName];
  if (definition === undefined || !isServiceDefinition(definition)) {
    throw new Error(`loadGrpcService: no service ${JSON.stringify(serviceName)} in ${protoPath}.`);
  }
  cache.set(key, definition);
  return definition;
}

function isServiceDefinition(value: object): value is ServiceDefinition {
  if ('format' in value && 'type' in value) return false;
  return Object.values(value).every((method: Partial<MethodDefinition<unknown, unknown>>) => typeof method.path === 'string');
}
