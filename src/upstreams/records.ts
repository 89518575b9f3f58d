/** Wire shapes of the upstream services (see src/demo/README.md and schemas/proto). */

/** A point in degrees. */
export interface LatLngRecord {
  lat: number;
  lng: number;
}

/** riders: `GET /riders`. */
export interface RiderRecord {
  id: string;
  name: string;
  rating: number;
  memberSince: string;
}

/** Trip statuses as the trips service spells them. */
export type TripStatusRecord = 'REQUESTED' | 'ACCEPTED' | 'ARRIVING' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED';

/** trips: `GET /trips` and friends. */
export interface TripRecord {
  id: string;
  riderId: string;
  driverId: string | null;
  productId: string;
  status: TripStatusRecord;
  requestedAt: string;
  pickup: LatLngRecord;
  dropoff: LatLngRecord;
  distanceMeters: number;
  /** 1 when requested, +1 per change (the events' revision); absent from services that predate live trips. */
  revision?: number;
  /** Seconds until the driver reaches the pickup or the drop-off; absent or null when not moving toward either. */
  etaSeconds?: number | null;
}

/** catalog: `GET /products`. */
export interface ProductRecord {
  id: string;
  name: string;
  description: string;
  capacity: number;
}

/** reviews: `GET /reviews`. */
export interface ReviewRecord {
  id: string;
  subjectId: string;
  authorId: string;
  rating: number;
  text: string;
  createdAt: string;
}

/** drivers (gRPC): a driver. */
export interface DriverRecord {
  id: string;
  name: string;
  rating: number;
  status: 'DRIVER_STATUS_UNSPECIFIED' | 'OFFLINE' | 'AVAILABLE' | 'ON_TRIP';
  vehicle: { plate: string; model: string; color: string };
  location: LatLngRecord | null;
  /** Degrees clockwise from north of the last move; 0 until the driver first moves (and from services that predate it). */
  heading?: number;
  /** When the position was last reported (ISO-8601); empty for a seeded position. */
  locationAt?: string;
}

/** drivers (gRPC): a driver near a point. */
export interface NearbyDriverRecord {
  driver: DriverRecord;
  distanceMeters: number;
  etaSeconds: number;
}

/** pricing (gRPC): money. */
export interface MoneyRecord {
  amount: number;
  currency: string;
}

/** pricing (gRPC): a product's quoted price. */
export interface ProductPriceRecord {
  productId: string;
  price: MoneyRecord | null;
  quotedAtMs: number;
}

/** pricing (gRPC): a fare to quote, keyed by the caller. */
export interface FareInputRecord {
  key: string;
  productId: string;
  distanceMeters: number;
}

/** Earnings periods as pricing spells them. */
export type EarningsPeriodRecord = 'TODAY' | 'WEEK' | 'MONTH';
