import type { CallOptions } from '../transport/types.ts';
import type { RiderRecord } from './records.ts';
import type { Upstreams } from './Upstreams.ts';

/** Riders by id, in one call; unknown ids are left out. */
export function getRiders(upstreams: Upstreams, ids: readonly string[], options: CallOptions): Promise<RiderRecord[]> {
  return upstreams.rest('riders').call<RiderRecord[]>({ method: 'GET', path: '/riders', query: { ids: ids.join(',') } }, options);
}
