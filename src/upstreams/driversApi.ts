import type { CallOptions } from '../transport/types.ts';
import type { DriverRecord, LatLngRecord, NearbyDriverRecord } from './records.ts';
import type { Upstreams } from './Upstreams.ts';

/** Drivers by id, in one call; unknown ids are left out. */
export async function getDrivers(upstreams: Upstreams, ids: readonly string[], options: CallOptions): Promise<DriverRecord[]> {
  const reply = await upstreams.grpc('drivers').call<{ drivers: DriverRecord[] }>({ method: 'GetDrivers', message: { ids } }, options);
  return reply.drivers;
}

/** Available drivers nearest to a point, closest first. */
export async function getNearestDrivers(
  upstreams: Upstreams,
  location: LatLngRecord,
  first: number,
  options: CallOptions,
): Promise<NearbyDriverRecord[]> {
  const reply = await upstreams.grpc('drivers').call<{ drivers: NearbyDriverRecord[] }>(
    { method: 'NearestDrivers', message: { location, first } },
    options,
  );
  return reply.drivers;
}

/** Records a driver's position. Not idempotent by contract: never retried. */
export async function updateDriverLocation(
  upstreams: Upstreams,
  driverId: string,
  location: LatLngRecord,
  options: CallOptions,
): Promise<boolean> {
  const reply = await upstreams.grpc('drivers').call<{ ok: boolean }>({ method: 'UpdateLocation', message: { driverId, location } }, options);
  return reply.ok;
}
