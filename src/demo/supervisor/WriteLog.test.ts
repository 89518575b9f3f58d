import { describe, expect, it } from 'vitest';
import { WriteLog } from './WriteLog.ts';

describe('WriteLog', () => {
  it('keeps only the latest position per driver, moved to the end, and every trip write', () => {
    const log = new WriteLog();
    const located = (lat: number, atMs: number) => ({ kind: 'driver.located' as const, driverId: 'd-0001', location: { lat, lng: 0 }, atMs, by: 'drivers-1' });
    log.append('drivers', located(1, 1));
    log.append('drivers', { kind: 'driver.located', driverId: 'd-0002', location: { lat: 5, lng: 0 }, atMs: 2, by: 'drivers-2' });
    log.append('drivers', located(3, 3));
    expect(log.entries('drivers').map((w) => (w.kind === 'driver.located' ? `${w.driverId}@${w.location.lat}` : ''))).toEqual(['d-0002@5', 'd-0001@3']);
    log.append('trips', { kind: 'trip.accepted', tripId: 't-1', driverId: 'd-1', atMs: 1, by: 'trips-1' });
    log.append('trips', { kind: 'trip.accepted', tripId: 't-1', driverId: 'd-2', atMs: 1, by: 'trips-2' });
    expect(log.entries('trips')).toHaveLength(2);
    expect(log.entries('riders')).toEqual([]);
  });
});
