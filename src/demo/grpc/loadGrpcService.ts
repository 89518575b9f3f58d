import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { PROTO_LOADER_OPTIONS } from '../../../schemas/proto/protoLoaderOptions.ts';

/** The gRPC services of the fleet. */
export type GrpcServiceName = 'drivers' | 'pricing';

const PROTOS: Readonly<Record<GrpcServiceName, { file: string; path: readonly string[] }>> = {
  drivers: { file: 'drivers.proto', path: ['ride', 'drivers', 'v1', 'DriversService'] },
  pricing: { file: 'pricing.proto', path: ['ride', 'pricing', 'v1', 'PricingService'] },
};

/** Absolute path of a service's .proto under `schemas/proto/`. */
export function protoPath(name: GrpcServiceName): string {
  return fileURLToPath(new URL(`../../../schemas/proto/${PROTOS[name].file}`, import.meta.url));
}

/**
 * The client constructor of a service (its `.service` is the server-side definition).
 * @throws Error when the proto does not declare the expected service.
 */
export function loadGrpcService(name: GrpcServiceName): grpc.ServiceClientConstructor {
  const root = grpc.loadPackageDefinition(protoLoader.loadSync(protoPath(name), { ...PROTO_LOADER_OPTIONS }));
  let node: unknown = root;
  for (const segment of PROTOS[name].path) node = (node as Record<string, unknown> | undefined)?.[segment];
  if (typeof node !== 'function' || !('service' in node)) {
    throw new Error(`${protoPath(name)} does not define ${PROTOS[name].path.join('.')}`);
  }
  return node as grpc.ServiceClientConstructor;
}
