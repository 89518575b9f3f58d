import type { EventPublisher } from '../../events/EventPublisher.ts';
import type { DemoWrite } from '../ipc/DemoWrite.ts';
import { isLatLng, ROAD_FACTOR } from '../seed/geo.ts';
import type { Driver, LatLng } from '../seed/types.ts';
import type { DriverStore } from './DriverStore.ts';
import { grpcNotFound, invalidArgument, requireIds } from './GrpcError.ts';

/** `GetDrivers` request, as proto-loader decodes it. */
export interface GetDriversRequest {
  ids: string[];
}
/** `NearestDrivers` request. */
export interface NearestDriversRequest {
  location: LatLng | null;
  /** 1..50. */
  first: number;
}
/** `UpdateLocation` request. */
export interface UpdateLocationRequest {
  driverId: string;
  location: LatLng | null;
}
/** A driver near a point, as in the `NearbyDriver` message. */
export interface NearbyDriver {
  driver: Driver;
  distanceMeters: number;
  etaSeconds: number;
}

/** What the drivers handlers need besides the store. */
export interface DriversHandlersOptions {
  store: DriverStore;
  instanceId: string;
  publish: (write: DemoWrite) => void;
  now: () => number;
  /** Live events (`driver.<id>.location`); absent: none published. */
  events?: EventPublisher;
}

/** Average city speed for ETAs: 30 km/h, in metres per second. */
const CITY_SPEED_MPS = 30_000 / 3_600;
/** Time to set off and park, added to every ETA, in seconds. */
const PICKUP_OVERHEAD_S = 60;

/** The `ride.drivers.v1.DriversService` handlers. */
export function createDriversHandlers(options: DriversHandlersOptions) {
  const { store } = options;
  return {
    GetDrivers(request: GetDriversRequest): { drivers: Driver[] } {
      return { drivers: requireIds(request.ids, 'ids').flatMap((id) => store.get(id) ?? []) };
    },

    NearestDrivers(request: NearestDriversRequest): { drivers: NearbyDriver[] } {
      if (!isLatLng(request.location)) throw invalidArgument('location must be set, with lat -90..90 and lng -180..180');
      if (!Number.isInteger(request.first) || request.first < 1 || request.first > 50) {
        throw invalidArgument(`first must be 1..50; got ${request.first}`);
      }
      return {
        drivers: store.nearestAvailable(request.location, request.first).map(({ driver, meters }) => ({
          driver,
          distanceMeters: Math.round(meters),
          etaSeconds: PICKUP_OVERHEAD_S + Math.round((meters * ROAD_FACTOR) / CITY_SPEED_MPS),
        })),
      };
    },

    UpdateLocation(request: UpdateLocationRequest): { ok: boolean } {
      if (request.driverId === '') throw invalidArgument('driver_id must be set');
      if (!isLatLng(request.location)) throw invalidArgument('location must be set, with lat -90..90 and lng -180..180');
      const location = { lat: request.location.lat, lng: request.location.lng };
      const atMs = options.now();
      if (!store.locate(request.driverId, location, atMs, options.instanceId)) throw grpcNotFound(`no driver ${request.driverId}`);
      const position = store.position(request.driverId);
      const revision = position?.revision ?? 1;
      const heading = position?.heading ?? 0;
      options.publish({ kind: 'driver.located', driverId: request.driverId, location, atMs, by: options.instanceId, revision, heading });
      // Only the instance that took the call publishes: relayed copies stay quiet, so each position is one event.
      options.events?.publish({ type: 'driver.location', driverId: request.driverId, revision, lat: location.lat, lng: location.lng, heading, at: new Date(atMs).toISOString() });
      return { ok: true };
    },
  };
}
