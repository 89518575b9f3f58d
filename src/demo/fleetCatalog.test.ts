import { describe, expect, it } from 'vitest';
import { FLEET_CATALOG, parseFleetCatalog } from './fleetCatalog.ts';
import { SERVICE_PROTOCOLS } from './fleetServices.ts';

describe('fleet catalog (schemas/services.json, read by the fleet itself)', () => {
  it('registers REST services as http, GraphQL subgraphs as graphql, and knows each gRPC service\'s proto', () => {
    expect(SERVICE_PROTOCOLS).toEqual({
      riders: 'http',
      trips: 'http',
      catalog: 'http',
      reviews: 'http',
      recommendations: 'http',
      notifications: 'http',
      promotions: 'graphql',
      drivers: 'grpc',
      pricing: 'grpc',
    });
    expect(FLEET_CATALOG.find((entry) => entry.name === 'drivers')?.grpc).toEqual({ protoFile: 'drivers.proto', service: 'ride.drivers.v1.DriversService' });
  });

  it('names the entry it cannot read', () => {
    expect(() => parseFleetCatalog({ services: { fares: { protocol: 'soap' } } }, 'x.json')).toThrow(/x\.json: services\.fares\.protocol/);
    expect(() => parseFleetCatalog({ services: { fares: { protocol: 'grpc' } } }, 'x.json')).toThrow(/x\.json: services\.fares\.grpc needs/);
    expect(() => parseFleetCatalog({}, 'x.json')).toThrow(/x\.json: "services"/);
  });
});
