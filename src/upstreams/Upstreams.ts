import type { ServiceName } from '../config/index.ts';
import type { GrpcRequest, RestRequest, ServiceClient } from '../transport/types.ts';

/**
 * One client per upstream service of `schemas/services.json`, by name. A typed API module
 * (`<service>Api.ts`) asks for its service's client in the protocol it speaks.
 */
export interface Upstreams {
  /** The client of a REST service. Throws when the catalog does not list `service` as REST (a programming error). */
  rest(service: ServiceName): ServiceClient<RestRequest>;
  /** The client of a gRPC service. Throws when the catalog does not list `service` as gRPC (a programming error). */
  grpc(service: ServiceName): ServiceClient<GrpcRequest>;
}
