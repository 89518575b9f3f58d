import { createRandom } from './createRandom.ts';
import { generateDrivers } from './generateDrivers.ts';
import { generatePromotions } from './generatePromotions.ts';
import { generateReviews } from './generateReviews.ts';
import { generateRiders } from './generateRiders.ts';
import { generateTrips } from './generateTrips.ts';
import { generateVouchers } from './generateVouchers.ts';
import { PRODUCTS } from './products.ts';
import { DEFAULT_SEED } from './seedConstants.ts';
import type { SeedData } from './types.ts';

/** How many riders and drivers the fleet serves. */
export const RIDER_COUNT = 1_000;
/** See `RIDER_COUNT`. */
export const DRIVER_COUNT = 500;

/**
 * The whole demo data set. One random stream consumed in a fixed order, so every process given
 * the same seed builds identical data (about 50 ms); callers get fresh mutable copies.
 */
export function createSeed(seed: number = DEFAULT_SEED): SeedData {
  const random = createRandom(seed);
  const riders = generateRiders(random, RIDER_COUNT);
  const drivers = generateDrivers(random, DRIVER_COUNT);
  const products = PRODUCTS.map((p) => ({ ...p }));
  const trips = generateTrips(random, riders, drivers, products);
  const reviews = generateReviews(random, riders, drivers, products, trips);
  // Drawn last, so adding them left everything generated before unchanged.
  const promotions = generatePromotions(random, products);
  const vouchers = generateVouchers(random, riders, products);
  return { riders, drivers, products, trips, reviews, promotions, vouchers };
}
