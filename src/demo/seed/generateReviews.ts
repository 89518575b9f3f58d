import type { Random } from './createRandom.ts';
import { HISTORY_END_MS, HISTORY_START_MS } from './seedConstants.ts';
import type { Driver, Product, Review, Rider, Trip } from './types.ts';
import { REVIEW_TEXTS } from './vocabulary.ts';

/** Zero-padded review id, e.g. `v-000001`. */
export const reviewId = (n: number): string => `v-${String(n).padStart(6, '0')}`;

/** Riders rate mostly well, as on real apps. */
const RATINGS: readonly number[] = [5, 5, 5, 5, 4, 4, 4, 3, 2, 1];

/**
 * 20–40 reviews per product and 3–7 per driver, all authored by riders (a driver's reviewers are
 * riders that rode with them when there are any). Oldest first.
 */
export function generateReviews(random: Random, riders: readonly Rider[], drivers: readonly Driver[], products: readonly Product[], trips: readonly Trip[]): Review[] {
  const ridersByDriver = new Map<string, string[]>();
  for (const trip of trips) {
    if (trip.status !== 'COMPLETED' || trip.driverId === null) continue;
    const list = ridersByDriver.get(trip.driverId);
    if (list) list.push(trip.riderId);
    else ridersByDriver.set(trip.driverId, [trip.riderId]);
  }
  const riderIds = riders.map((r) => r.id);
  const draft: Omit<Review, 'id'>[] = [];
  const add = (subjectId: string, authorId: string): void => {
    const rating = random.pick(RATINGS);
    draft.push({
      subjectId,
      authorId,
      rating,
      text: random.pick(REVIEW_TEXTS[rating - 1] ?? []),
      createdAt: new Date(Math.floor(random.between(HISTORY_START_MS, HISTORY_END_MS) / 1000) * 1000).toISOString(),
    });
  };
  for (const product of products) {
    const count = random.int(20, 40);
    for (let i = 0; i < count; i++) add(product.id, random.pick(riderIds));
  }
  for (const driver of drivers) {
    const count = random.int(3, 7);
    const passengers = ridersByDriver.get(driver.id) ?? riderIds;
    for (let i = 0; i < count; i++) add(driver.id, random.pick(passengers));
  }
  draft.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  return draft.map((r, i) => ({ id: reviewId(i + 1), ...r }));
}
