import { GraphQLError } from 'graphql';
import { activeTripStatuses } from '../authz/index.ts';
import { cellOf, cellsNear } from '../events/cells.ts';
import type { RequestContext } from '../subgraphs/RequestContext.ts';
import type { DriverRecord, TripRecord } from '../upstreams/index.ts';
import { requireViewer } from './requireViewer.ts';

/**
 * FORBIDDEN: the trip is someone else's, or there is no such trip. One answer for both, so that
 * trying ids tells no one which trips exist.
 */
function notYourTrip(tripId: string): GraphQLError {
  return new GraphQLError(`Trip "${tripId}" is not one of yours.`, { extensions: { code: 'FORBIDDEN' } });
}

/** The signed-in rider's trip `tripId`; FORBIDDEN when another rider's or unknown. */
export async function riderTrip(context: RequestContext, tripId: string): Promise<TripRecord> {
  const rider = requireViewer(context);
  const trip = await context.loaders.trips.load(tripId);
  if (!trip) throw notYourTrip(tripId);
  if (trip.riderId !== rider.id) throw notYourTrip(tripId);
  return trip;
}

/** Whether a waiting trip's pickup is in the cells offered to a driver at `driver.location` (src/events/cells.ts). */
export function isOfferedTo(trip: TripRecord, driver: DriverRecord | null): boolean {
  if (trip.status !== 'REQUESTED' || !driver?.location) return false;
  return cellsNear(driver.location.lat, driver.location.lng).includes(cellOf(trip.pickup.lat, trip.pickup.lng));
}

/**
 * The signed-in driver's trip `tripId`, or a waiting trip near them (then recorded as offered, so
 * the owner rule TRIP_OFFERED_DRIVER shows them its pickup and fare estimate); FORBIDDEN otherwise
 * (unknown trips included).
 */
export async function driverTrip(context: RequestContext, tripId: string): Promise<TripRecord> {
  const driver = requireViewer(context);
  const trip = await context.loaders.trips.load(tripId);
  if (!trip) throw notYourTrip(tripId);
  if (trip.driverId === driver.id) return trip;
  if (trip.driverId === null && isOfferedTo(trip, await context.loaders.drivers.load(driver.id))) {
    context.relations.offerTrips([trip.id]);
    return trip;
  }
  throw notYourTrip(tripId);
}

/** A driver's position as the passenger app shows it. */
export interface DriverPositionRecord {
  lat: number;
  lng: number;
  heading: number | null;
  at: string | null;
}

/**
 * Where the driver of the signed-in rider's trip is, while the trip is active (the privacy rule:
 * the rider sees it only then; null otherwise). The position an event being resolved carries wins
 * (the newest); else the drivers service's last one, with its heading and time once reported.
 */
export async function tripDriverPosition(context: RequestContext, tripId: string): Promise<DriverPositionRecord | null> {
  const trip = await riderTrip(context, tripId);
  if (!trip.driverId || !activeTripStatuses.has(trip.status)) return null;
  const event = context.liveEvent;
  if (event?.type === 'driver.location' && event.driverId === trip.driverId) {
    return { lat: event.lat, lng: event.lng, heading: event.heading, at: event.at };
  }
  const driver = await context.loaders.drivers.load(trip.driverId);
  if (!driver?.location) return null;
  // A seeded position was never reported: no heading nor time to show.
  const reported = driver.locationAt ? { heading: driver.heading ?? null, at: driver.locationAt } : { heading: null, at: null };
  return { lat: driver.location.lat, lng: driver.location.lng, ...reported };
}
