import { GraphQLError } from 'graphql';
import type { LatLngRecord } from '../upstreams/index.ts';

/** A point with latitude in -90..90 and longitude in -180..180; BAD_USER_INPUT naming the argument otherwise. */
export function checkLatLng(argument: string, point: LatLngRecord): LatLngRecord {
  const valid = Math.abs(point.lat) <= 90 && Math.abs(point.lng) <= 180;
  if (!valid) {
    throw new GraphQLError(`"${argument}" is not a point on Earth: lat must be in -90..90 and lng in -180..180.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return { lat: point.lat, lng: point.lng };
}
