import DataLoader from 'dataloader';
import { getTrips, getTripsByRider, type TripRecord } from '../../upstreams/index.ts';
import type { LoaderFactories } from '../loaders/defineLoaders.ts';
import { mapByKey } from '../loaders/mapByKey.ts';
import { loadPages, pageCacheKey, type PageKey } from '../loaders/pagedLoads.ts';

/** The trips subgraph's DataLoaders. */
export interface TripsLoaders {
  /** Trips by id. */
  readonly trips: DataLoader<string, TripRecord | null>;
  /** Each rider's newest trips; also primes {@link trips}. */
  readonly tripsByRider: DataLoader<PageKey, TripRecord[], string>;
}

/** How a request makes {@link TripsLoaders}: one trips call per batch (per page size for lists). */
export const tripsLoaders: LoaderFactories<TripsLoaders> = {
  trips: ({ upstreams, options }) => new DataLoader(async (ids) => mapByKey(ids, await getTrips(upstreams, ids, options), (t) => t.id)),
  tripsByRider: ({ upstreams, options }, loaders) =>
    new DataLoader(
      (keys) =>
        loadPages(keys, async (ids, first) => {
          const byRider = await getTripsByRider(upstreams, ids, first, options);
          for (const list of Object.values(byRider)) for (const trip of list) loaders.trips.prime(trip.id, trip);
          return byRider;
        }),
      { cacheKeyFn: pageCacheKey },
    ),
};
