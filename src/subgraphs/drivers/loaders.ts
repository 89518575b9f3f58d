import DataLoader from 'dataloader';
import { getDrivers, type DriverRecord } from '../../upstreams/index.ts';
import type { LoaderFactories } from '../loaders/defineLoaders.ts';
import { mapByKey } from '../loaders/mapByKey.ts';

/** The drivers subgraph's DataLoaders. */
export interface DriversLoaders {
  /** Drivers by id. */
  readonly drivers: DataLoader<string, DriverRecord | null>;
}

/** How a request makes {@link DriversLoaders}: one drivers call per batch. */
export const driversLoaders: LoaderFactories<DriversLoaders> = {
  drivers: ({ upstreams, options }) => new DataLoader(async (ids) => mapByKey(ids, await getDrivers(upstreams, ids, options), (d) => d.id)),
};
