import DataLoader from 'dataloader';
import { getRecommendations } from '../../upstreams/index.ts';
import type { LoaderFactories } from '../loaders/defineLoaders.ts';

/** The recommendations subgraph's DataLoaders. */
export interface RecommendationsLoaders {
  /** Related product ids per product. */
  readonly recommendations: DataLoader<string, string[]>;
}

/** How a request makes {@link RecommendationsLoaders}: one recommendations call per batch. */
export const recommendationsLoaders: LoaderFactories<RecommendationsLoaders> = {
  recommendations: ({ upstreams, options }) =>
    new DataLoader(async (ids) => {
      const byProduct = await getRecommendations(upstreams, ids, options);
      return ids.map((id) => byProduct[id] ?? []);
    }),
};
