import type { PriceCache } from '../../cache/index.ts';
import type { CallOptions } from '../../transport/types.ts';
import type { Upstreams } from '../../upstreams/index.ts';

/** What one request's DataLoaders call with: the upstream clients, the request's read options and its caches. */
export interface LoaderSource {
  readonly upstreams: Upstreams;
  /** The request's read options (its deadline and signal; idempotent). */
  readonly options: CallOptions;
  /** Prices read and written through it (src/subgraphs/pricing/pricesThroughCache.ts). Absent: no price cache. */
  readonly priceCache: PriceCache | undefined;
}
