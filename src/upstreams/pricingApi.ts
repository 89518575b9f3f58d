import type { CallOptions } from '../transport/types.ts';
import type { EarningsPeriodRecord, FareInputRecord, MoneyRecord, ProductPriceRecord } from './records.ts';
import type { Upstreams } from './Upstreams.ts';

/** Current prices by product id, in one call; unknown ids are left out. */
export async function getProductPrices(
  upstreams: Upstreams,
  productIds: readonly string[],
  options: CallOptions,
): Promise<ProductPriceRecord[]> {
  const reply = await upstreams.grpc('pricing').call<{ prices: ProductPriceRecord[] }>(
    { method: 'GetProductPrices', message: { productIds } },
    options,
  );
  return reply.prices;
}

/** Fares for trips, matched back by key, in one call. */
export async function quoteFares(
  upstreams: Upstreams,
  trips: readonly FareInputRecord[],
  options: CallOptions,
): Promise<{ key: string; fare: MoneyRecord | null }[]> {
  const reply = await upstreams.grpc('pricing').call<{ fares: { key: string; fare: MoneyRecord | null }[] }>(
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
  const reply = await upstreams.grpc('pricing').call<{ earnings: { driverId: string; total: MoneyRecord | null }[] }>(
    { method: 'GetEarnings', message: { driverIds, period } },
    options,
  );
  return reply.earnings;
}
