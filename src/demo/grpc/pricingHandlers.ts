import { invalidArgument, MAX_GRPC_BATCH, requireIds } from './GrpcError.ts';
import { CURRENCY, earningsAmount, fareAmount, isEarningsPeriod, isPricedProduct, productPriceAmount } from './pricingModel.ts';

/** Money as in pricing.proto. */
export interface Money {
  amount: number;
  currency: string;
}
/** `GetProductPrices` request, as proto-loader decodes it. */
export interface GetProductPricesRequest {
  productIds: string[];
}
/** One trip to price. */
export interface FareInput {
  key: string;
  productId: string;
  distanceMeters: number;
}
/** `QuoteFares` request. */
export interface QuoteFaresRequest {
  trips: FareInput[];
}
/** `GetEarnings` request; `period` is the enum's name. */
export interface GetEarningsRequest {
  driverIds: string[];
  period: string;
}

/** Longest trip priced, in metres. */
const MAX_DISTANCE_M = 1_000_000;

/**
 * The `ride.pricing.v1.PricingService` handlers. Unknown products and drivers are left out of
 * the answers; in `QuoteFares` (one answer per input) an unknown product's fare is unset.
 */
export function createPricingHandlers(options: { driverIds: ReadonlySet<string>; now: () => number }) {
  const money = (amount: number): Money => ({ amount, currency: CURRENCY });
  return {
    GetProductPrices(request: GetProductPricesRequest) {
      const now = options.now();
      return {
        prices: requireIds(request.productIds, 'product_ids')
          .filter(isPricedProduct)
          .map((productId) => ({ productId, price: money(productPriceAmount(productId, now) ?? 0), quotedAtMs: now })),
      };
    },

    QuoteFares(request: QuoteFaresRequest) {
      const trips = request.trips ?? [];
      if (trips.length === 0) throw invalidArgument('trips must list at least one trip');
      if (trips.length > MAX_GRPC_BATCH) throw invalidArgument(`trips lists ${trips.length}; at most ${MAX_GRPC_BATCH}`);
      return {
        fares: trips.map((trip) => {
          if (trip.key === '') throw invalidArgument('every trip needs a key');
          if (!Number.isInteger(trip.distanceMeters) || trip.distanceMeters < 0 || trip.distanceMeters > MAX_DISTANCE_M) {
            throw invalidArgument(`distance_meters of ${trip.key} must be 0..${MAX_DISTANCE_M}; got ${trip.distanceMeters}`);
          }
          const amount = fareAmount(trip.productId, trip.distanceMeters);
          return { key: trip.key, fare: amount === undefined ? null : money(amount) };
        }),
      };
    },

    GetEarnings(request: GetEarningsRequest) {
      const period = request.period;
      if (!isEarningsPeriod(period)) {
        throw invalidArgument(`period must be TODAY, WEEK or MONTH; got ${period}`);
      }
      const now = options.now();
      return {
        earnings: requireIds(request.driverIds, 'driver_ids')
          .filter((id) => options.driverIds.has(id))
          .map((driverId) => ({ driverId, total: money(earningsAmount(driverId, period, now)) })),
      };
    },
  };
}
