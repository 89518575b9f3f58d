import DataLoader from 'dataloader';
import { getReviews, type ReviewRecord, type ReviewSubject } from '../../upstreams/index.ts';
import type { LoaderFactories } from '../loaders/defineLoaders.ts';
import type { LoaderSource } from '../loaders/LoaderSource.ts';
import { loadPages, pageCacheKey, type PageKey } from '../loaders/pagedLoads.ts';

/** The reviews subgraph's DataLoaders. */
export interface ReviewsLoaders {
  /** Each product's newest reviews. */
  readonly productReviews: DataLoader<PageKey, ReviewRecord[], string>;
  /** Each driver's newest reviews. */
  readonly driverReviews: DataLoader<PageKey, ReviewRecord[], string>;
}

/** How a request makes {@link ReviewsLoaders}: one reviews call per subject kind and page size. */
export const reviewsLoaders: LoaderFactories<ReviewsLoaders> = {
  productReviews: (source) => reviewsLoader(source, 'product'),
  driverReviews: (source) => reviewsLoader(source, 'driver'),
};

function reviewsLoader({ upstreams, options }: LoaderSource, subject: ReviewSubject): DataLoader<PageKey, ReviewRecord[], string> {
  return new DataLoader((keys) => loadPages(keys, (ids, first) => getReviews(upstreams, subject, ids, first, options)), { cacheKeyFn: pageCacheKey });
}
