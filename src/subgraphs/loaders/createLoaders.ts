import { catalogLoaders, type CatalogLoaders } from '../catalog/loaders.ts';
import { driversLoaders, type DriversLoaders } from '../drivers/loaders.ts';
import { pricingLoaders, type PricingLoaders } from '../pricing/loaders.ts';
import { recommendationsLoaders, type RecommendationsLoaders } from '../recommendations/loaders.ts';
import { reviewsLoaders, type ReviewsLoaders } from '../reviews/loaders.ts';
import { ridersLoaders, type RidersLoaders } from '../riders/loaders.ts';
import { tripsLoaders, type TripsLoaders } from '../trips/loaders.ts';
import { defineLoaders } from './defineLoaders.ts';
import type { LoaderSource } from './LoaderSource.ts';

/**
 * One request's DataLoaders: every domain's own (`src/subgraphs/<name>/loaders.ts`), shared by all
 * subgraphs and BFFs of the request (in-process subgraphs get the context by reference). Every
 * batch is one upstream call (one per distinct page size for paged lookups), whatever the list sizes.
 */
export type Loaders = RidersLoaders & DriversLoaders & TripsLoaders & CatalogLoaders & PricingLoaders & ReviewsLoaders & RecommendationsLoaders;

const makeLoaders = defineLoaders<Loaders>({
  ...ridersLoaders,
  ...driversLoaders,
  ...tripsLoaders,
  ...catalogLoaders,
  ...pricingLoaders,
  ...reviewsLoaders,
  ...recommendationsLoaders,
});

/** A request's loaders; each is created on first use. */
export function createLoaders(source: LoaderSource): Loaders {
  return makeLoaders(source);
}
