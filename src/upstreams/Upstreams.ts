import type { GrpcRequest, RestRequest, ServiceClient } from '../transport/types.ts';

/** One client per upstream service, by service name. */
export interface Upstreams {
  readonly riders: ServiceClient<RestRequest>;
  readonly trips: ServiceClient<RestRequest>;
  readonly catalog: ServiceClient<RestRequest>;
  readonly reviews: ServiceClient<RestRequest>;
  readonly recommendations: ServiceClient<RestRequest>;
  readonly notifications: ServiceClient<RestRequest>;
  readonly drivers: ServiceClient<GrpcRequest>;
  readonly pricing: ServiceClient<GrpcRequest>;
}

/** The REST services' names. */
export const restServiceNames = ['riders', 'trips', 'catalog', 'reviews', 'recommendations', 'notifications'] as const;

/** The gRPC services' names, proto files and fully qualified service names. */
export const grpcServices = {
  drivers: { protoFile: 'drivers.proto', serviceName: 'ride.drivers.v1.DriversService' },
  pricing: { protoFile: 'pricing.proto', serviceName: 'ride.pricing.v1.PricingService' },
} as const;
