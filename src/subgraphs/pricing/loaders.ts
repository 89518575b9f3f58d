import DataLoader from 'dataloader';
import {
  getEarnings,
  getProductPrices,
  quoteFares,
  type EarningsPeriodRecord,
  type FareInputRecord,
  type MoneyRecord,
  type ProductPriceRecord,
} from '../../upstreams/index.ts';
import type { LoaderFactories } from '../loaders/defineLoaders.ts';
import { groupBy, mapByKey } from '../loaders/mapByKey.ts';
import { pricesThroughCache } from './pricesThroughCache.ts';

/** A driver's earnings in one period. */
export interface EarningsKey {
  readonly driverId: string;
  readonly period: EarningsPeriodRecord;
}

/** The pricing subgraph's DataLoaders. */
export interface PricingLoaders {
  /** Current price per product, through the price cache ({@link pricesThroughCache}). */
  readonly prices: DataLoader<string, ProductPriceRecord | null>;
  /** Fares per trip (keyed by trip id). */
  readonly fares: DataLoader<FareInputRecord, MoneyRecord | null, string>;
  /** Driver earnings per period (one call per distinct period). */
  readonly earnings: DataLoader<EarningsKey, MoneyRecord | null, string>;
}

/** How a request makes {@link PricingLoaders}: one pricing call per batch (per period for earnings). */
export const pricingLoaders: LoaderFactories<PricingLoaders> = {
  prices: ({ upstreams, options, priceCache }) =>
    new DataLoader((ids) => pricesThroughCache(ids, priceCache, (missing) => getProductPrices(upstreams, missing, options))),
  fares: ({ upstreams, options }) =>
    new DataLoader(
      async (inputs) => {
        const fares = await quoteFares(upstreams, inputs, options);
        return mapByKey(
          inputs.map((input) => input.key),
          fares,
          (fare) => fare.key,
        ).map((fare) => fare?.fare ?? null);
      },
      { cacheKeyFn: (input) => `${input.key}:${input.productId}:${input.distanceMeters}` },
    ),
  earnings: ({ upstreams, options }) =>
    new DataLoader(
      async (keys) => {
        const results = new Map<string, MoneyRecord | null>();
        await Promise.all(
          [...groupBy(keys, (key) => key.period)].map(async ([period, group]) => {
            const ids = group.map((key) => key.driverId);
            const earnings = await getEarnings(upstreams, ids, period, options);
            for (const entry of earnings) results.set(`${period}:${entry.driverId}`, entry.total);
          }),
        );
        return keys.map((key) => results.get(`${key.period}:${key.driverId}`) ?? null);
      },
      { cacheKeyFn: (key) => `${key.period}:${key.driverId}` },
    ),
};
