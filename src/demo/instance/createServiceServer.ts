import type { EventPublisher } from '../../events/EventPublisher.ts';
import type { FaultGate } from '../faults/FaultGate.ts';
import type { RequestCounter } from '../faults/RequestCounter.ts';
import type { ServiceName } from '../fleetServices.ts';
import { createDriversHandlers } from '../grpc/driversHandlers.ts';
import { DriverStore } from '../grpc/DriverStore.ts';
import { GraphqlServiceServer } from '../graphql/GraphqlServiceServer.ts';
import { DEFAULT_CLOCK_TOLERANCE_SEC, DEFAULT_IDENTITY_ISSUER, type IdentitySettings } from '../graphql/Identity.ts';
import { IdentityVerifier } from '../graphql/IdentityVerifier.ts';
import { createPromotionsSchema } from '../graphql/promotionsSchema.ts';
import { RequestRecorder } from '../graphql/RequestRecorder.ts';
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
import { RideTimer } from '../rest/RideTimer.ts';
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
  /** GraphQL services: how identity tokens are checked (the audience is the service's name); absent: no key, so no token verifies. */
  identity?: Omit<IdentitySettings, 'audience'>;
  /** GraphQL services, demo mode: how many requests' headers to keep for `GET /debug/last-requests` (0 or absent: none, no route). */
  recordRequests?: number;
  /** trips and drivers: where live events go (absent: none published). */
  events?: EventPublisher;
  /** trips: one step of a demo ride, ms (`DEMO_RIDE_STEP_MS`, default 5 000). */
  rideStepMs?: number;
}

/** A service's server plus how it applies writes relayed from its other instances. */
export interface ServiceRuntime {
  server: ServiceServer;
  applyWrite: (write: DemoWrite) => void;
  /** Registered with the instance, e.g. a GraphQL service's `{path: '/graphql'}`. */
  metadata?: Record<string, string>;
  /** Stops background work (a trips instance's ride timers). */
  stopWork?: () => void;
}

/** A demo ride's step when `DEMO_RIDE_STEP_MS` is not set, ms. */
export const DEFAULT_RIDE_STEP_MS = 5_000;

const ignoreWrite = (): void => {};

/** Identity settings without a key: every token is refused (owner-only fields answer UNAUTHENTICATED). */
const NO_IDENTITY_KEY: Omit<IdentitySettings, 'audience'> = Object.freeze({ key: undefined, issuer: DEFAULT_IDENTITY_ISSUER, clockToleranceSec: DEFAULT_CLOCK_TOLERANCE_SEC });

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
      // Where drivers are (relayed from the drivers service): a ride's timer starts from there.
      const drivers = new DriverStore(seed.drivers);
      const rides = new RideTimer({
        store,
        drivers,
        instanceId: options.instanceId,
        publish: options.publish,
        events: options.events,
        stepMs: options.rideStepMs ?? DEFAULT_RIDE_STEP_MS,
        now: options.now,
      });
      const service = createTripsService({
        store,
        riderIds: new Set(seed.riders.map((r) => r.id)),
        productIds: new Set(seed.products.map((p) => p.id)),
        driverIds: new Set(seed.drivers.map((d) => d.id)),
        instanceId: options.instanceId,
        publish: options.publish,
        now: options.now,
        ...(options.events ? { events: options.events } : {}),
        rides,
      });
      return {
        ...http(service, (write) => {
          store.apply(write);
          drivers.apply(write);
        }),
        stopWork: () => rides.stopAll(),
      };
    }
    case 'drivers': {
      const store = new DriverStore(seed.drivers);
      const handlers = createDriversHandlers({ store, instanceId: options.instanceId, publish: options.publish, now: options.now, ...(options.events ? { events: options.events } : {}) });
      const definition = loadGrpcService('drivers').service;
      return { server: new GrpcServiceServer({ host, definition, handlers, gate, counter }), applyWrite: (write) => store.apply(write) };
    }
    case 'pricing': {
      const handlers = createPricingHandlers({ driverIds: new Set(seed.drivers.map((d) => d.id)), now: options.now });
      const definition = loadGrpcService('pricing').service;
      return { server: new GrpcServiceServer({ host, definition, handlers, gate, counter }), applyWrite: ignoreWrite };
    }
    case 'promotions': {
      const server = new GraphqlServiceServer({
        host,
        schema: createPromotionsSchema(seed),
        gate,
        counter,
        identity: new IdentityVerifier({ ...(options.identity ?? NO_IDENTITY_KEY), audience: options.service }, options.now),
        ...(options.recordRequests ? { recorder: new RequestRecorder(options.recordRequests, options.now) } : {}),
        now: options.now,
      });
      return { server, applyWrite: ignoreWrite, metadata: { path: server.path } };
    }
  }
}
