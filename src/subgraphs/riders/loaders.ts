import DataLoader from 'dataloader';
import { getRiders, type RiderRecord } from '../../upstreams/index.ts';
import type { LoaderFactories } from '../loaders/defineLoaders.ts';
import { mapByKey } from '../loaders/mapByKey.ts';

/** The riders subgraph's DataLoaders. */
export interface RidersLoaders {
  /** Riders by id. */
  readonly riders: DataLoader<string, RiderRecord | null>;
}

/** How a request makes {@link RidersLoaders}: one riders call per batch. */
export const ridersLoaders: LoaderFactories<RidersLoaders> = {
  riders: ({ upstreams, options }) => new DataLoader(async (ids) => mapByKey(ids, await getRiders(upstreams, ids, options), (r) => r.id)),
};
