import { describe, expect, it } from 'vitest';
import { createSeed } from '../seed/createSeed.ts';
import { TripStore } from './TripStore.ts';

const openTripId = (store: TripStore): string => store.open({ lat: 38.7223, lng: -9.1393 }, 3_000, 1)[0]?.id ?? '';

describe('TripStore across instances', () => {
  it('converges when two instances accept the same trip before hearing of each other', () => {
    const a = new TripStore(createSeed().trips);
    const b = new TripStore(createSeed().trips);
    const tripId = openTripId(a);
    expect(a.accept(tripId, 'd-0001', 1_000, 'trips-1').kind).toBe('accepted');
    expect(b.accept(tripId, 'd-0002', 999, 'trips-2').kind).toBe('accepted');
    // Each hears of the other's acceptance; the earlier one wins on both.
    a.apply({ kind: 'trip.accepted', tripId, driverId: 'd-0002', atMs: 999, by: 'trips-2' });
    b.apply({ kind: 'trip.accepted', tripId, driverId: 'd-0001', atMs: 1_000, by: 'trips-1' });
    expect(a.get(tripId)?.driverId).toBe('d-0002');
    expect(b.get(tripId)?.driverId).toBe('d-0002');
    expect(openTripId(a)).not.toBe(tripId);
  });

  it('applies a relayed new trip once, newest first for its rider', () => {
    const store = new TripStore(createSeed().trips);
    const trip = { ...(store.byRider('r-0001', 1)?.[0] ?? ({} as never)), id: 't-trips-2-000001', requestedAt: '2026-11-24T10:00:00.000Z', status: 'REQUESTED' as const, driverId: null };
    store.apply({ kind: 'trip.created', trip });
    store.apply({ kind: 'trip.created', trip });
    expect(store.byRider('r-0001', 300)?.filter((t) => t.id === trip.id)).toHaveLength(1);
    expect(store.byRider('r-0001', 1)?.[0]?.id).toBe(trip.id);
    expect(store.byRider('r-0001', 300)).toHaveLength(241);
  });
});
