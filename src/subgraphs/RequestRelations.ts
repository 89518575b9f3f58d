import { viewerRole, type Viewer } from '../auth/index.ts';
import { activeTripStatuses, type ViewerRelations } from '../authz/index.ts';
import type { TripsLoaders } from './trips/loaders.ts';

/**
 * How many of a rider's newest trips are searched for an active one. A rider's active trip is
 * among their newest; 10 is also PassengerHome's page, so the lookup is usually already loaded.
 */
const activeTripWindow = 10;

/**
 * One request's answers to the owner rules' questions (`ViewerRelations`): trips offered by this
 * request (recorded by `rideOffers`), and active trips read through the request's DataLoaders, so
 * a rule asked for 200 drivers costs one trips call.
 */
export class RequestRelations implements ViewerRelations {
  readonly #viewer: Viewer | null;
  readonly #loaders: TripsLoaders;
  readonly #offered = new Set<string>();

  constructor(viewer: Viewer | null, loaders: TripsLoaders) {
    this.#viewer = viewer;
    this.#loaders = loaders;
  }

  offerTrips(tripIds: Iterable<string>): void {
    for (const id of tripIds) this.#offered.add(id);
  }

  isOffered(tripId: string): boolean {
    return this.#offered.has(tripId);
  }

  async ridesWith(driverId: string): Promise<boolean> {
    if (!this.#viewer || viewerRole(this.#viewer) !== 'rider') return false;
    const trips = await this.#loaders.tripsByRider.load({ id: this.#viewer.id, first: activeTripWindow });
    return trips.some((trip) => trip.driverId === driverId && activeTripStatuses.has(trip.status));
  }
}
