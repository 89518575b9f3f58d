import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSeed, DRIVER_COUNT, RIDER_COUNT } from './createSeed.ts';
import { distanceMeters } from './geo.ts';
import { CITY_CENTRE, DEMO_DRIVER_ID, DEMO_PROMOTED_PRODUCT_ID, DEMO_RIDER_ID, OFFERS_VALID_FROM_MS } from './seedConstants.ts';

const seed = createSeed();
const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('createSeed', () => {
  it('builds identical data on every call, and different data for another seed', () => {
    expect(digest(createSeed())).toBe(digest(seed));
    expect(digest(createSeed(7))).not.toBe(digest(seed));
  });

  it('is fast enough to run in every instance (< 200 ms of CPU)', () => {
    // CPU time rather than wall time: other test processes compete for the cores.
    const timings = [0, 1, 2].map(() => {
      const start = process.cpuUsage();
      createSeed();
      const used = process.cpuUsage(start);
      return (used.user + used.system) / 1_000;
    });
    expect(Math.min(...timings)).toBeLessThan(200);
  });

  it('has 1000 riders, 500 drivers and the 8 products with zero-padded ids', () => {
    expect(seed.riders).toHaveLength(RIDER_COUNT);
    expect(seed.drivers).toHaveLength(DRIVER_COUNT);
    expect(seed.riders[0]?.id).toBe('r-0001');
    expect(seed.riders.at(-1)?.id).toBe('r-1000');
    expect(seed.drivers.at(-1)?.id).toBe('d-0500');
    expect(seed.products.map((p) => p.id)).toEqual(['p-economy', 'p-comfort', 'p-xl', 'p-green', 'p-black', 'p-pool', 'p-moto', 'p-pet']);
    expect(seed.riders[0]?.name).toMatch(/^\S+ \S+$/);
    expect(seed.drivers[1]?.vehicle.plate).toMatch(/^\d\d-[A-Z]{2}-\d\d$/);
  });

  it('places drivers within ~8 km of the centre, the demo driver AVAILABLE at it', () => {
    for (const driver of seed.drivers) expect(distanceMeters(CITY_CENTRE, driver.location)).toBeLessThanOrEqual(8_010);
    const demo = seed.drivers.find((d) => d.id === DEMO_DRIVER_ID);
    expect(demo).toMatchObject({ status: 'AVAILABLE', location: CITY_CENTRE });
  });

  it('gives every rider at least 10 trips and the demo rider exactly 240', () => {
    expect(seed.trips.length).toBeGreaterThanOrEqual(20_000);
    expect(seed.trips[0]?.id).toBe('t-000001');
    const counts = new Map<string, number>();
    for (const trip of seed.trips) counts.set(trip.riderId, (counts.get(trip.riderId) ?? 0) + 1);
    expect(counts.size).toBe(RIDER_COUNT);
    expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(10);
    expect(counts.get(DEMO_RIDER_ID)).toBe(240);
    expect(new Set(seed.trips.map((t) => t.id)).size).toBe(seed.trips.length);
  });

  it('gives every COMPLETED trip a driver, and has 30 REQUESTED trips without one within 3 km', () => {
    expect(seed.trips.filter((t) => t.status === 'COMPLETED' && t.driverId === null)).toEqual([]);
    const open = seed.trips.filter((t) => t.status === 'REQUESTED');
    expect(open).toHaveLength(30);
    for (const trip of open) {
      expect(trip.driverId).toBeNull();
      expect(distanceMeters(CITY_CENTRE, trip.pickup)).toBeLessThanOrEqual(3_000);
    }
  });

  it('has ≥ 20 reviews per product and ≥ 3 per driver, all authored by riders', () => {
    const bySubject = new Map<string, number>();
    for (const review of seed.reviews) bySubject.set(review.subjectId, (bySubject.get(review.subjectId) ?? 0) + 1);
    for (const product of seed.products) expect(bySubject.get(product.id)).toBeGreaterThanOrEqual(20);
    for (const driver of seed.drivers) expect(bySubject.get(driver.id)).toBeGreaterThanOrEqual(3);
    const riderIds = new Set(seed.riders.map((r) => r.id));
    expect(seed.reviews.every((r) => riderIds.has(r.authorId) && r.rating >= 1 && r.rating <= 5)).toBe(true);
  });

  it('gives half the products a current promotion, the playground product among them', () => {
    expect(seed.promotions).toHaveLength(seed.products.length / 2);
    expect(seed.promotions.map((p) => p.productId)).toContain(DEMO_PROMOTED_PRODUCT_ID);
    const order = seed.products.map((p) => p.id);
    expect(seed.promotions.map((p) => order.indexOf(p.productId))).toEqual([...seed.promotions.map((p) => order.indexOf(p.productId))].sort((a, b) => a - b));
    for (const promotion of seed.promotions) {
      expect(promotion.code).toMatch(/^[A-Z]+\d{1,2}$/);
      expect(promotion.code.endsWith(String(promotion.discountPercent))).toBe(true);
      expectOfferTerms(promotion);
    }
  });

  it('gives riders 0..3 vouchers for seeded products, the demo rider at least 2, codes unique', () => {
    const byRider = new Map<string, typeof seed.vouchers>();
    for (const voucher of seed.vouchers) byRider.set(voucher.riderId, [...(byRider.get(voucher.riderId) ?? []), voucher]);
    const productIds = new Set(seed.products.map((p) => p.id));
    const riderIds = new Set(seed.riders.map((r) => r.id));
    for (const [riderId, held] of byRider) {
      expect(riderIds.has(riderId)).toBe(true);
      expect(held.length).toBeLessThanOrEqual(3);
      expect(new Set(held.map((v) => v.productId)).size).toBe(held.length);
      expect(held.map((v) => v.validUntil)).toEqual(held.map((v) => v.validUntil).sort());
    }
    expect(byRider.get(DEMO_RIDER_ID)?.length).toBeGreaterThanOrEqual(2);
    // Some riders hold none: the owner rule and empty lists both show.
    expect(byRider.size).toBeLessThan(seed.riders.length);
    expect(new Set(seed.vouchers.map((v) => v.code)).size).toBe(seed.vouchers.length);
    for (const voucher of seed.vouchers) {
      expect(productIds.has(voucher.productId)).toBe(true);
      expect(voucher.code).toMatch(/^[A-Z]+\d{1,2}-[2-9A-HJ-NP-Z]{4}$/);
      expectOfferTerms(voucher);
    }
  });
});

/** A discount of 5..30 in steps of 5, ending within the fixed offer year. */
function expectOfferTerms(offer: { discountPercent: number; validUntil: string }): void {
  expect(offer.discountPercent % 5).toBe(0);
  expect(offer.discountPercent).toBeGreaterThanOrEqual(5);
  expect(offer.discountPercent).toBeLessThanOrEqual(30);
  const until = Date.parse(offer.validUntil);
  expect(new Date(until).toISOString()).toBe(offer.validUntil);
  expect(until).toBeGreaterThan(OFFERS_VALID_FROM_MS);
  expect(until).toBeLessThan(OFFERS_VALID_FROM_MS + 366 * 86_400_000);
}
