/**
 * What the services publish on the `ride.events` topic exchange (AMQP) and what the gateway's
 * subscriptions consume. An event names the entity and what changed, never the whole graph: the
 * gateway resolves a subscriber's selection through the query plan from the key.
 */

/** Routing keys: `trip.<tripId>.status`, `driver.<driverId>.location`, `offers.<cell>`. */
export type RoutingKey = string;

/** A trip's status changed (`trip.<id>.status`). */
export interface TripStatusEvent {
  readonly type: 'trip.status';
  readonly tripId: string;
  /** The trip's revision: 1 when requested, +1 per change. Subscribers drop revisions they have already seen. */
  readonly revision: number;
  readonly status: 'REQUESTED' | 'ACCEPTED' | 'ARRIVING' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED';
  /** The assigned driver, once there is one. */
  readonly driverId?: string;
  readonly riderId: string;
  /** ISO-8601 time of the change. */
  readonly at: string;
}

/** A driver's position changed (`driver.<id>.location`). */
export interface DriverLocationEvent {
  readonly type: 'driver.location';
  readonly driverId: string;
  /** Per driver, +1 per position. */
  readonly revision: number;
  readonly lat: number;
  readonly lng: number;
  /** Degrees clockwise from north, 0–359. */
  readonly heading: number;
  readonly at: string;
}

/** A ride was offered to the drivers of a cell (`offers.<cell>`). */
export interface RideOfferEvent {
  readonly type: 'ride.offer';
  /** The trip offered (its id is the offer's id). */
  readonly tripId: string;
  readonly revision: number;
  /** The geo cell of the pickup: see `cellOf` in src/events/cells.ts. */
  readonly cell: string;
  /** True when the offer is gone (the trip was accepted or cancelled): drivers drop it from their list. Absent: a new offer. */
  readonly withdrawn?: boolean;
  readonly at: string;
}

export type DomainEvent = TripStatusEvent | DriverLocationEvent | RideOfferEvent;

/** The exchange every service publishes to. */
export const eventExchange = 'ride.events';
