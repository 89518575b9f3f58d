import type { DomainEvent, RoutingKey } from './DomainEvent.ts';

/** `trip.<tripId>.status`: the trip's status changes. */
export function tripStatusKey(tripId: string): RoutingKey {
  return `trip.${tripId}.status`;
}

/** `driver.<driverId>.location`: the driver's positions. */
export function driverLocationKey(driverId: string): RoutingKey {
  return `driver.${driverId}.location`;
}

/** `offers.<cell>`: rides requested with a pickup in that cell (`cellOf` in cells.ts). */
export function offersKey(cell: string): RoutingKey {
  return `offers.${cell}`;
}

/** The routing key an event is published under. */
export function routingKeyOf(event: DomainEvent): RoutingKey {
  switch (event.type) {
    case 'trip.status':
      return tripStatusKey(event.tripId);
    case 'driver.location':
      return driverLocationKey(event.driverId);
    case 'ride.offer':
      return offersKey(event.cell);
  }
}
