import type { Product } from './types.ts';

/** The ride catalogue, in catalogue order (the order `GET /products` answers). */
export const PRODUCTS: readonly Readonly<Product>[] = Object.freeze([
  { id: 'p-economy', name: 'Economy', description: 'Affordable everyday rides.', capacity: 4 },
  { id: 'p-comfort', name: 'Comfort', description: 'Newer cars with extra legroom.', capacity: 4 },
  { id: 'p-xl', name: 'XL', description: 'Rides for groups of up to 6.', capacity: 6 },
  { id: 'p-green', name: 'Green', description: 'Electric and hybrid cars only.', capacity: 4 },
  { id: 'p-black', name: 'Black', description: 'Premium cars with professional drivers.', capacity: 4 },
  { id: 'p-pool', name: 'Pool', description: 'Share the ride, split the fare.', capacity: 2 },
  { id: 'p-moto', name: 'Moto', description: 'Beat the traffic on two wheels.', capacity: 1 },
  { id: 'p-pet', name: 'Pet', description: 'Bring your dog or cat along.', capacity: 3 },
].map((p) => Object.freeze(p)));

/** How often each product is booked in the seeded history (same order as `PRODUCTS`). */
export const PRODUCT_BOOKING_WEIGHTS: readonly number[] = [40, 18, 8, 10, 5, 9, 6, 4];
