import type { Random } from './createRandom.ts';
import type { LatLng } from './types.ts';

const EARTH_RADIUS_M = 6_371_000;
const toRad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Roads are longer than straight lines: trip distances are the great-circle distance × 1.25. */
export const ROAD_FACTOR = 1.25;

/** A trip's distance in whole metres between two points (great circle × `ROAD_FACTOR`). */
export function roadDistanceMeters(a: LatLng, b: LatLng): number {
  return Math.round(distanceMeters(a, b) * ROAD_FACTOR);
}

/** The point `meters` away from `from` towards `bearingRad` (flat-earth approximation, fine under ~50 km). */
export function offsetPoint(from: LatLng, meters: number, bearingRad: number): LatLng {
  const dLat = (meters * Math.cos(bearingRad)) / EARTH_RADIUS_M;
  const dLng = (meters * Math.sin(bearingRad)) / (EARTH_RADIUS_M * Math.cos(toRad(from.lat)));
  return { lat: round6(from.lat + (dLat * 180) / Math.PI), lng: round6(from.lng + (dLng * 180) / Math.PI) };
}

/** A point uniformly spread over the disc of `radiusMeters` around `centre`. */
export function randomPointNear(random: Random, centre: LatLng, radiusMeters: number): LatLng {
  // sqrt keeps the density uniform over the area rather than bunched at the centre.
  return offsetPoint(centre, radiusMeters * Math.sqrt(random.next()), random.next() * 2 * Math.PI);
}

/** True when `value` is a finite latitude/longitude pair within range. */
export function isLatLng(value: unknown): value is LatLng {
  if (typeof value !== 'object' || value === null) return false;
  const { lat, lng } = value as Record<string, unknown>;
  return (
    typeof lat === 'number' && Number.isFinite(lat) && Math.abs(lat) <= 90 &&
    typeof lng === 'number' && Number.isFinite(lng) && Math.abs(lng) <= 180
  );
}

/** Six decimals (~0.1 m) keep JSON short and stable. */
function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The initial bearing from `a` to `b`, whole degrees clockwise from north (0..359). */
export function bearingDegrees(a: LatLng, b: LatLng): number {
  const y = Math.sin(toRad(b.lng - a.lng)) * Math.cos(toRad(b.lat));
  const x = Math.cos(toRad(a.lat)) * Math.sin(toRad(b.lat)) - Math.sin(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.cos(toRad(b.lng - a.lng));
  return Math.round(((Math.atan2(y, x) * 180) / Math.PI + 360) % 360) % 360;
}

/** The point `fraction` (0..1) of the way from `a` to `b`, on a straight line (fine for city distances). */
export function pointBetween(a: LatLng, b: LatLng, fraction: number): LatLng {
  return { lat: round6(a.lat + (b.lat - a.lat) * fraction), lng: round6(a.lng + (b.lng - a.lng) * fraction) };
}
