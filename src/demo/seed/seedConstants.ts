import type { LatLng } from './types.ts';

/** The seed every process uses, so all instances serve identical data. */
export const DEFAULT_SEED = 42;

/** Lisbon city centre: drivers and trips are scattered around it. */
export const CITY_CENTRE: Readonly<LatLng> = Object.freeze({ lat: 38.7223, lng: -9.1393 });

/** The demo passenger (240 trips). */
export const DEMO_RIDER_ID = 'r-0001';

/** The demo driver (AVAILABLE at the city centre). */
export const DEMO_DRIVER_ID = 'd-0001';

/** Seeded history starts here (ms since the epoch). */
export const HISTORY_START_MS = Date.UTC(2025, 0, 1);

/**
 * Seeded history ends here: a fixed date in the past, so trips created at run time (`now`) are
 * always the newest, and every process generates the same timestamps.
 */
export const HISTORY_END_MS = Date.UTC(2026, 10, 1);

/**
 * Promotions and vouchers end within the year starting here (ms since the epoch): fixed, so every
 * process and every system a benchmark compares serves the same dates, and far enough ahead that
 * they are current.
 */
export const OFFERS_VALID_FROM_MS = Date.UTC(2030, 0, 1);

/** The product the web playground opens (`schemas/clients.json`): it always has a promotion. */
export const DEMO_PROMOTED_PRODUCT_ID = 'p-comfort';
