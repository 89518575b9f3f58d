import type { CallOptions } from '../transport/types.ts';
import type { ReviewRecord } from './records.ts';
import type { Upstreams } from './Upstreams.ts';

/** What is reviewed. */
export type ReviewSubject = 'product' | 'driver';

/** Each subject's newest reviews (at most `first` each), in one call. */
export function getReviews(
  upstreams: Upstreams,
  subject: ReviewSubject,
  ids: readonly string[],
  first: number,
  options: CallOptions,
): Promise<Record<string, ReviewRecord[]>> {
  const idsParam = subject === 'product' ? 'productIds' : 'driverIds';
  return upstreams.rest('reviews').call<Record<string, ReviewRecord[]>>(
    { method: 'GET', path: '/reviews', query: { [idsParam]: ids.join(','), first } },
    options,
  );
}
