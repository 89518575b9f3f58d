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
  /** Degrees clockwise from north of the last move (absent: 0, never moved). */
  heading?: number;
  /** ISO time the position was last reported (absent: the seeded position). */
  locationAt?: string;
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
export type TripStatus = 'REQUESTED' | 'ACCEPTED' | 'ARRIVING' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED';

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
  /** 1 when requested, +1 per status change (the driver's assignment included): the version live events carry. */
  revision: number;
  /** Seconds until the pickup (ACCEPTED, ARRIVING) or the drop-off (IN_PROGRESS); null otherwise. */
  etaSeconds: number | null;
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

/** A product's current promotion (the promotions service). */
export interface Promotion {
  productId: string;
  /** What a rider enters at checkout, e.g. `SPRING10`. */
  code: string;
  /** Percent off the fare, 5..30 in steps of 5. */
  discountPercent: number;
  /** ISO timestamp the promotion ends. */
  validUntil: string;
}

/** A discount one rider holds for one product (the promotions service). */
export interface Voucher {
  riderId: string;
  productId: string;
  /** Unique, e.g. `WELCOME15-7KQ2`. */
  code: string;
  /** Percent off the fare, 5..30 in steps of 5. */
  discountPercent: number;
  /** ISO timestamp the voucher expires. */
  validUntil: string;
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
  /** About half the products, in catalogue order. */
  promotions: Promotion[];
  /** 0..3 per rider (the demo rider ≥ 2), by rider, each rider's soonest to expire first. */
  vouchers: Voucher[];
}
