import type { EntityRef } from '../EntityRef.ts';

/** A trip as pricing receives it: its key plus the fields its fares `@requires` (the rider for their owner rules). */
export interface TripFareRef extends EntityRef {
  readonly distanceMeters: number;
  readonly product: EntityRef;
  readonly rider: EntityRef;
}
