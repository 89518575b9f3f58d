import type { LatLngRecord, NearbyDriverRecord } from '../upstreams/index.ts';

/** Decimals of a degree a nearby driver's position keeps: 3, about 111 m of latitude (87 m of longitude in Lisbon). */
const positionDecimals = 3;
/** Distances are rounded to this many metres. */
const distanceStepMeters = 100;
/** ETAs are rounded to this many seconds: at city speed (30 km/h, road factor ~1.3) about 100 m of straight line. */
const etaStepSeconds = 15;

/** What a passenger may know of a nearby driver's position: about 100 m, however it is asked. */
export interface ApproximateNearby {
  /** `null`: the service sent a driver without a position. */
  readonly location: LatLngRecord | null;
  readonly distanceMeters: number;
  readonly etaSeconds: number;
}

/**
 * A nearby driver's position as every passenger sees it (APPS.md: "an approximate position (about
 * 100 m) and ETA only"). The distance and ETA are rounded too: exact ones, asked from three
 * points, would give the precise position back by trilateration.
 */
export function approximateNearby(nearby: NearbyDriverRecord): ApproximateNearby {
  const location = nearby.driver.location;
  return {
    location: location && { lat: round(location.lat, positionDecimals), lng: round(location.lng, positionDecimals) },
    distanceMeters: Math.round(nearby.distanceMeters / distanceStepMeters) * distanceStepMeters,
    etaSeconds: Math.max(etaStepSeconds, Math.round(nearby.etaSeconds / etaStepSeconds) * etaStepSeconds),
  };
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  // Number(toFixed) rather than Math.round(x * f) / f: no 38.722999999 artefacts in the JSON.
  return Number((Math.round(value * factor) / factor).toFixed(decimals));
}
