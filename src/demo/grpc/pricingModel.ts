import { hashUnit } from '../seed/createRandom.ts';

/** Every amount is in this currency. */
export const CURRENCY = 'EUR';

/** A product's tariff, in EUR. */
interface Tariff {
  base: number;
  perKm: number;
  minimum: number;
}

const TARIFFS: Readonly<Record<string, Tariff>> = {
  'p-economy': { base: 2.0, perKm: 0.85, minimum: 4.0 },
  'p-comfort': { base: 2.5, perKm: 1.05, minimum: 5.0 },
  'p-xl': { base: 3.5, perKm: 1.35, minimum: 7.0 },
  'p-green': { base: 2.2, perKm: 0.95, minimum: 4.5 },
  'p-black': { base: 5.0, perKm: 1.9, minimum: 10.0 },
  'p-pool': { base: 1.5, perKm: 0.65, minimum: 3.0 },
  'p-moto': { base: 1.2, perKm: 0.55, minimum: 2.5 },
  'p-pet': { base: 3.0, perKm: 1.15, minimum: 6.0 },
};

/** A product's displayed price is the fare of a trip this long, in metres, times the surge. */
const REFERENCE_TRIP_M = 5_000;
const DAY_MS = 86_400_000;

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** True when the product has a tariff. */
export function isPricedProduct(productId: string): boolean {
  return Object.hasOwn(TARIFFS, productId);
}

/** The fare of a trip (EUR, 2 decimals): base + per km, at least the minimum; undefined for an unknown product. */
export function fareAmount(productId: string, distanceMeters: number): number | undefined {
  const tariff = TARIFFS[productId];
  if (tariff === undefined) return undefined;
  return round2(Math.max(tariff.minimum, tariff.base + (tariff.perKm * distanceMeters) / 1_000));
}

/**
 * A product's current price (EUR): the reference trip's fare times a surge of 1.00–1.50 in steps
 * of 0.05 that depends only on the product and the minute, so every instance quotes the same.
 */
export function productPriceAmount(productId: string, nowMs: number): number | undefined {
  const fare = fareAmount(productId, REFERENCE_TRIP_M);
  if (fare === undefined) return undefined;
  const surge = 1 + Math.floor(hashUnit('surge', productId, Math.floor(nowMs / 60_000)) * 11) * 0.05;
  return round2(fare * surge);
}

/** What a driver earned on one UTC day (EUR, 30–200), a function of driver and day only. */
function dailyEarnings(driverId: string, utcDay: number): number {
  return round2(30 + 170 * hashUnit('earnings', driverId, utcDay));
}

/** How many UTC days, ending today, each period covers. */
const PERIOD_DAYS = { TODAY: 1, WEEK: 7, MONTH: 30 } as const;

/** An earnings period of pricing.proto. */
export type EarningsPeriod = keyof typeof PERIOD_DAYS;

/** True for TODAY, WEEK or MONTH. */
export function isEarningsPeriod(value: string): value is EarningsPeriod {
  return Object.hasOwn(PERIOD_DAYS, value);
}

/** A driver's earnings over the period ending on the UTC day of `nowMs` (EUR). */
export function earningsAmount(driverId: string, period: EarningsPeriod, nowMs: number): number {
  const today = Math.floor(nowMs / DAY_MS);
  let total = 0;
  for (let day = today - PERIOD_DAYS[period] + 1; day <= today; day++) total += dailyEarnings(driverId, day);
  return round2(total);
}
