import type { Random } from './createRandom.ts';
import { offsetPoint, randomPointNear, roadDistanceMeters } from './geo.ts';
import { PRODUCT_BOOKING_WEIGHTS } from './products.ts';
import { CITY_CENTRE, DEMO_RIDER_ID, HISTORY_END_MS, HISTORY_START_MS } from './seedConstants.ts';
import type { Driver, Product, Rider, Trip } from './types.ts';

/** Zero-padded seeded trip id, e.g. `t-000001`. */
export const tripId = (n: number): string => `t-${String(n).padStart(6, '0')}`;

/** How many trips the demo rider has: enough for list sizes up to 200 (APPS.md). */
export const DEMO_RIDER_TRIPS = 240;
/** REQUESTED trips waiting for a driver near the centre (the driver app's ride offers). */
export const OPEN_TRIPS = 30;
/** Open trips are within this distance of the centre. */
export const OPEN_TRIP_RADIUS_M = 3_000;

const CITY_RADIUS_M = 8_000;

/**
 * The trip history: every rider at least 10 trips (the demo rider exactly 240), every COMPLETED
 * trip with a driver, plus `OPEN_TRIPS` REQUESTED ones without a driver. Oldest first.
 */
export function generateTrips(random: Random, riders: readonly Rider[], drivers: readonly Driver[], products: readonly Product[]): Trip[] {
  const pickProduct = weightedPicker(random, products.map((p) => p.id), PRODUCT_BOOKING_WEIGHTS);
  const draft: Omit<Trip, 'id'>[] = [];
  for (const rider of riders) {
    const count = rider.id === DEMO_RIDER_ID ? DEMO_RIDER_TRIPS : random.int(10, 32);
    for (let i = 0; i < count; i++) {
      const pickup = randomPointNear(random, CITY_CENTRE, CITY_RADIUS_M);
      const dropoff = offsetPoint(pickup, random.between(800, 12_000), random.next() * 2 * Math.PI);
      const completed = random.chance(0.9);
      const withDriver = completed || random.chance(0.5);
      draft.push({
        riderId: rider.id,
        driverId: withDriver ? random.pick(drivers).id : null,
        productId: pickProduct(),
        status: completed ? 'COMPLETED' : 'CANCELLED',
        // Whole seconds, so timestamps print the same everywhere.
        requestedAt: new Date(Math.floor(random.between(HISTORY_START_MS, HISTORY_END_MS - 3_600_000) / 1000) * 1000).toISOString(),
        pickup,
        dropoff,
        distanceMeters: roadDistanceMeters(pickup, dropoff),
        // REQUESTED 1, ACCEPTED 2, (ARRIVING 3, IN_PROGRESS 4,) COMPLETED 5; a cancellation is one more than where it stopped.
        revision: completed ? 5 : withDriver ? 3 : 2,
        etaSeconds: null,
      });
    }
  }
  const others = riders.filter((r) => r.id !== DEMO_RIDER_ID);
  for (let i = 0; i < OPEN_TRIPS; i++) {
    // A little inside the radius so rounding never pushes a pickup past it.
    const pickup = randomPointNear(random, CITY_CENTRE, OPEN_TRIP_RADIUS_M - 50);
    const dropoff = offsetPoint(pickup, random.between(1_000, 8_000), random.next() * 2 * Math.PI);
    draft.push({
      riderId: random.pick(others).id,
      driverId: null,
      productId: pickProduct(),
      status: 'REQUESTED',
      requestedAt: new Date(HISTORY_END_MS - random.int(1, 60) * 60_000).toISOString(),
      pickup,
      dropoff,
      distanceMeters: roadDistanceMeters(pickup, dropoff),
      revision: 1,
      etaSeconds: null,
    });
  }
  // ISO strings of one format sort chronologically; the sort is stable, so ties keep draft order.
  draft.sort((a, b) => (a.requestedAt < b.requestedAt ? -1 : a.requestedAt > b.requestedAt ? 1 : 0));
  return draft.map((t, i) => ({ id: tripId(i + 1), ...t }));
}

/** Picks one of `values` with the given relative weights. */
function weightedPicker(random: Random, values: readonly string[], weights: readonly number[]): () => string {
  const total = weights.reduce((sum, w) => sum + w, 0);
  return () => {
    let roll = random.next() * total;
    for (let i = 0; i < values.length; i++) {
      roll -= weights[i] ?? 0;
      if (roll < 0) return values[i] ?? random.pick(values);
    }
    return random.pick(values);
  };
}
