import type { CallOptions } from '../transport/types.ts';
import type { EarningsPeriodRecord, FareInputRecord, MoneyRecord, ProductPriceRecord } from './records.ts';
import type { Upstreams } from './Upstreams.ts';

/** Current prices by product id, in one call; unknown ids are left out. */
export async function getProductPrices(
  upstreams: Upstreams,
  productIds: readonly string[],
  options: CallOptions,
): Promise<ProductPriceRecord[]> {
  const reply = await upstreams.pricing.call<{ prices: ProductPriceRecord[] }>(
    { method: 'GetProductPrices', message: { productIds } },
    withAffinity(options, productIds),
  );
  return reply.prices;
}

/** Fares for trips, matched back by key, in one call. */
export async function quoteFares(
  upstreams: Upstreams,
  trips: readonly FareInputRecord[],
  options: CallOptions,
): Promise<{ key: string; fare: MoneyRecord | null }[]> {
  const reply = await upstreams.pricing.call<{ fares: { key: string; fare: MoneyRecord | null }[] }>(
    { method: 'QuoteFares', message: { trips } },
    options,
  );
  return reply.fares;
}

/** Each driver's earnings in a period, in one call. */
export async function getEarnings(
  upstreams: Upstreams,
  driverIds: readonly string[],
  period: EarningsPeriodRecord,
  options: CallOptions,
): Promise<{ driverId: string; total: MoneyRecord | null }[]> {
  const reply = await upstreams.pricing.call<{ earnings: { driverId: string; total: MoneyRecord | null }[] }>(
    { method: 'GetEarnings', message: { driverIds, period } },
    options,
  );
  return reply.earnings;
}

/**
 * The call options with the batch's smallest product id as affinity key, so that with
 * `LB_POLICY_PRICING=consistent_hash` the same batch (whatever its order) reaches the same pricing
 * instance and its price cache stays warm.
 */
function withAffinity(options: CallOptions, productIds: readonly string[]): CallOptions {
  if (options.affinityKey !== undefined || productIds.length === 0) return options;
  let smallest = productIds[0] as string;
  for (const id of productIds) if (id < smallest) smallest = id;
  return { ...options, affinityKey: smallest };
}
