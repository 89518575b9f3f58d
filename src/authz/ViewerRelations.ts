/**
 * What owner rules may ask about the signed-in viewer's relation to other people's data, answered
 * from the request's own data (its DataLoaders) and from what the request itself granted. One per
 * request, on the request context (`relations`); implemented by src/subgraphs/RequestRelations.ts.
 */
export interface ViewerRelations {
  /** Records that these trips were offered to the signed-in driver by this request (`rideOffers`). */
  offerTrips(tripIds: Iterable<string>): void;
  /** Whether this request offered the trip to the signed-in driver. */
  isOffered(tripId: string): boolean;
  /** Whether the signed-in rider has an active trip (see `activeTripStatuses`) with this driver. */
  ridesWith(driverId: string): Promise<boolean>;
}
