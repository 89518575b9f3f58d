import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { PROTO_LOADER_OPTIONS } from '../../../schemas/proto/protoLoaderOptions.ts';
import { FLEET_CATALOG, type ServiceName } from '../fleetCatalog.ts';

/** A gRPC service of the fleet (`schemas/services.json`). */
export type GrpcServiceName = ServiceName;

/** Each gRPC service's proto file and the path of its service in the loaded package, from the catalog. */
const PROTOS: ReadonlyMap<string, { file: string; path: readonly string[] }> = new Map(
  FLEET_CATALOG.flatMap((entry) => (entry.grpc ? [[entry.name, { file: entry.grpc.protoFile, path: entry.grpc.service.split('.') }] as const] : [])),
);

/** The proto of a gRPC service; throws when the catalog does not list `name` as gRPC. */
function protoOf(name: GrpcServiceName): { file: string; path: readonly string[] } {
  const proto = PROTOS.get(name);
  if (!proto) throw new Error(`schemas/services.json does not list ${name} as a grpc service`);
  return proto;
}

/** Absolute path of a service's .proto under `schemas/proto/`. */
export function protoPath(name: GrpcServiceName): string {
  return fileURLToPath(new URL(`../../../schemas/proto/${protoOf(name).file}`, import.meta.url));
}

/**
 * The client constructor of a service (its `.service` is the server-side definition).
 * @throws Error when the proto does not declare the expected service.
 */
export function loadGrpcService(name: GrpcServiceName): grpc.ServiceClientConstructor {
  const root = grpc.loadPackageDefinition(protoLoader.loadSync(protoPath(name), { ...PROTO_LOADER_OPTIONS }));
  let node: unknown = root;
  for (const segment of protoOf(name).path) node = (node as Record<string, unknown> | undefined)?.[segment];
  if (typeof node !== 'function' || !('service' in node)) {
    throw new Error(`${protoPath(name)} does not define ${protoOf(name).path.join('.')}`);
  }
  return node as grpc.ServiceClientConstructor;
}
