import type { Random } from './createRandom.ts';
import { OFFERS_VALID_FROM_MS } from './seedConstants.ts';

const DAY_MS = 86_400_000;

/** Percent off, 5..30 in steps of 5. */
export function randomDiscountPercent(random: Random): number {
  return random.int(1, 6) * 5;
}

/** The end of a day within the year from `OFFERS_VALID_FROM_MS`, as an ISO timestamp (`2030-03-14T23:59:59.000Z`). */
export function randomValidUntil(random: Random): string {
  return new Date(OFFERS_VALID_FROM_MS + random.int(0, 364) * DAY_MS + DAY_MS - 1_000).toISOString();
}
