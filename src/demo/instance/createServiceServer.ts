import type { FaultGate } from '../faults/FaultGate.ts';
import type { RequestCounter } from '../faults/RequestCounter.ts';
import type { ServiceName } from '../fleetServices.ts';
import { createDriversHandlers } from '../grpc/driversHandlers.ts';
import { DriverStore } from '../grpc/DriverStore.ts';
import { GrpcServiceServer } from '../grpc/GrpcServiceServer.ts';
import { loadGrpcService } from '../grpc/loadGrpcService.ts';
import { createPricingHandlers } from '../grpc/pricingHandlers.ts';
import type { DemoWrite } from '../ipc/DemoWrite.ts';
import { createCatalogService } from '../rest/catalogService.ts';
import { HttpServiceServer } from '../rest/HttpServiceServer.ts';
import { createNotificationsService } from '../rest/notificationsService.ts';
import { createRecommendationsService } from '../rest/recommendationsService.ts';
import type { RestService } from '../rest/RestService.ts';
import { createReviewsService } from '../rest/reviewsService.ts';
import { createRidersService } from '../rest/ridersService.ts';
import { createTripsService } from '../rest/tripsService.ts';
import { TripStore } from '../rest/TripStore.ts';
import type { SeedData } from '../seed/types.ts';
import type { ServiceServer } from './ServiceServer.ts';

/** Everything one instance of a service needs to serve. */
export interface ServiceServerOptions {
  service: ServiceName;
  instanceId: string;
  /** Owned by the service from here on (stores mutate it). */
  seed: SeedData;
  host: string;
  gate: FaultGate;
  counter: RequestCounter;
  /** Sends a locally applied write to the other instances. */
  publish: (write: DemoWrite) => void;
  now: () => number;
}

/** A service's server plus how it applies writes relayed from its other instances. */
export interface ServiceRuntime {
  server: ServiceServer;
  applyWrite: (write: DemoWrite) => void;
}

const ignoreWrite = (): void => {};

/** Builds the server of one service over the seeded data (not yet listening). */
export function createServiceServer(options: ServiceServerOptions): ServiceRuntime {
  const { seed, host, gate, counter } = options;
  const http = (service: RestService, applyWrite: (write: DemoWrite) => void = ignoreWrite): ServiceRuntime => ({
    server: new HttpServiceServer({ host, service, gate, counter }),
    applyWrite,
  });
  switch (options.service) {
    case 'riders':
      return http(createRidersService(seed.riders));
    case 'catalog':
      return http(createCatalogService(seed.products));
    case 'reviews':
      return http(createReviewsService(seed.reviews));
    case 'recommendations':
      return http(createRecommendationsService(seed.products));
    case 'notifications':
      return http(createNotificationsService(options.instanceId));
    case 'trips': {
      const store = new TripStore(seed.trips);
      const service = createTripsService({
        store,
        riderIds: new Set(seed.riders.map((r) => r.id)),
        productIds: new Set(seed.products.map((p) => p.id)),
        driverIds: new Set(seed.drivers.map((d) => d.id)),
        instanceId: options.instanceId,
        publish: options.publish,
        now: options.now,
      });
      return http(service, (write) => store.apply(write));
    }
    case 'promotions':
      throw new Error('promotions: the GraphQL subgraph service is not built yet');
    case 'drivers': {
      const store = new DriverStore(seed.drivers);
      const handlers = createDriversHandlers({ store, instanceId: options.instanceId, publish: options.publish, now: options.now });
      const definition = loadGrpcService('drivers').service;
      return { server: new GrpcServiceServer({ host, definition, handlers, gate, counter }), applyWrite: (write) => store.apply(write) };
    }
    case 'pricing': {
      const handlers = createPricingHandlers({ driverIds: new Set(seed.drivers.map((d) => d.id)), now: options.now });
      const definition = loadGrpcService('pricing').service;
      return { server: new GrpcServiceServer({ host, definition, handlers, gate, counter }), applyWrite: ignoreWrite };
    }
  }
}
