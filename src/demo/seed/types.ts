/** A point on the map, in degrees. */
export interface LatLng {
  lat: number;
  lng: number;
}

/** A passenger. */
export interface Rider {
  id: string;
  name: string;
  /** 1..5, two decimals. */
  rating: number;
  /** ISO date (`YYYY-MM-DD`). */
  memberSince: string;
}

/** Driver availability, as in `drivers.proto`. */
export type DriverStatus = 'OFFLINE' | 'AVAILABLE' | 'ON_TRIP';

/** A driver's car. */
export interface Vehicle {
  plate: string;
  model: string;
  color: string;
}

/** A driver with a live position. */
export interface Driver {
  id: string;
  name: string;
  rating: number;
  status: DriverStatus;
  vehicle: Vehicle;
  location: LatLng;
}

/** A ride product of the catalogue. */
export interface Product {
  id: string;
  name: string;
  description: string;
  /** Seats. */
  capacity: number;
}

/** Where a trip is in its life. */
export type TripStatus = 'REQUESTED' | 'ACCEPTED' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED';

/** One ride. */
export interface Trip {
  id: string;
  riderId: string;
  driverId: string | null;
  productId: string;
  status: TripStatus;
  /** ISO timestamp. */
  requestedAt: string;
  pickup: LatLng;
  dropoff: LatLng;
  distanceMeters: number;
}

/** A rider's review of a product or a driver. */
export interface Review {
  id: string;
  /** A product id (`p-…`) or a driver id (`d-…`). */
  subjectId: string;
  /** A rider id. */
  authorId: string;
  /** 1..5. */
  rating: number;
  text: string;
  /** ISO timestamp. */
  createdAt: string;
}

/** Everything the fleet serves, generated from one seed. */
export interface SeedData {
  riders: Rider[];
  drivers: Driver[];
  products: Product[];
  /** Oldest first (ids grow with `requestedAt`). */
  trips: Trip[];
  /** Oldest first (ids grow with `createdAt`). */
  reviews: Review[];
}
