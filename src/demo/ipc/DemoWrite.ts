import type { LatLng, Trip } from '../seed/types.ts';

/**
 * A write one instance applied and the supervisor relays to the service's other instances (and
 * replays to instances started later). Applying the same write twice changes nothing, and
 * concurrent conflicting writes resolve the same way on every instance (see each store).
 */
export type DemoWrite =
  | { kind: 'trip.created'; trip: Trip }
  | { kind: 'trip.accepted'; tripId: string; driverId: string; atMs: number; by: string }
  | { kind: 'driver.located'; driverId: string; location: LatLng; atMs: number; by: string };

/**
 * The write's slot in the supervisor's log: a later write with the same key replaces an earlier
 * one, which keeps the log bounded however many location updates a benchmark sends.
 */
export function writeKey(write: DemoWrite): string {
  switch (write.kind) {
    case 'trip.created':
      return `trip.created:${write.trip.id}`;
    case 'trip.accepted':
      // Every acceptance is kept: instances settle concurrent ones by their own rule.
      return `trip.accepted:${write.tripId}:${write.by}:${write.atMs}`;
    case 'driver.located':
      return `driver.located:${write.driverId}`;
  }
}
