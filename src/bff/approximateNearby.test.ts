import { describe, expect, it } from 'vitest';
import type { NearbyDriverRecord } from '../upstreams/index.ts';
import { approximateNearby } from './approximateNearby.ts';

const nearby = (location: { lat: number; lng: number } | null, distanceMeters: number, etaSeconds: number): NearbyDriverRecord => ({
  driver: { id: 'd-1', name: 'D', rating: 5, status: 'AVAILABLE', vehicle: { plate: 'P', model: 'M', color: 'C' }, location },
  distanceMeters,
  etaSeconds,
});

describe('approximateNearby', () => {
  it('rounds the position to 3 decimals (about 100 m), the distance to 100 m and the ETA to 15 s', () => {
    expect(approximateNearby(nearby({ lat: 38.722349, lng: -9.139251 }, 449, 67))).toEqual({
      location: { lat: 38.722, lng: -9.139 },
      distanceMeters: 400,
      etaSeconds: 60,
    });
    expect(approximateNearby(nearby({ lat: 38.7225, lng: -9.1395 }, 450, 68))).toMatchObject({ distanceMeters: 500, etaSeconds: 75 });
  });

  it('never answers an ETA of 0, and keeps a missing position missing', () => {
    expect(approximateNearby(nearby(null, 0, 5))).toEqual({ location: null, distanceMeters: 0, etaSeconds: 15 });
  });
});
