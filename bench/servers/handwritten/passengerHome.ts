import { approximateNearby } from '../../../src/bff/approximateNearby.ts';
import type { CallOptions } from '../../../src/transport/index.ts';
import {
  getDrivers,
  getNearestDrivers,
  getProductPrices,
  getProducts,
  getRiders,
  getTripsByRider,
  listProducts,
  quoteFares,
  type DriverRecord,
  type Upstreams,
} from '../../../src/upstreams/index.ts';
import { ErrorList, type HandwrittenResult } from './HandwrittenResult.ts';
import type { ScreenPromotions } from './ScreenPromotions.ts';

/** The passenger home screen's inputs. */
export interface PassengerHomeInput {
  readonly riderId: string;
  readonly lat: number;
  readonly lng: number;
  /** How many recent trips (PassengerHome asks for 10). */
  readonly first: number;
  /** Whether the screen shows the rider's vouchers (`me.vouchers`, from the promotions subgraph). */
  readonly vouchers: boolean;
}

/** A voucher as the promotions subgraph answers it: the product by id only (its name is the catalog's). */
interface RemoteVoucher {
  readonly code: string;
  readonly discountPercent: number;
  readonly validUntil: string;
  readonly product: { readonly id: string };
}

/**
 * The PassengerHome screen by hand: the same service calls the gateway makes (rider, trips page,
 * nearest drivers, products then their prices; then fares and the trips' drivers that the nearby
 * answer did not already bring), concurrent where independent, JSON assembled directly. With
 * `vouchers`, the rider's vouchers from the promotions subgraph (one `_entities` POST, at once)
 * and then their products' names from the catalog, beside the fares and drivers.
 */
export async function passengerHome(
  upstreams: Upstreams,
  input: PassengerHomeInput,
  options: CallOptions,
  promotions: ScreenPromotions | undefined,
): Promise<HandwrittenResult> {
  const errors = new ErrorList();
  if (input.vouchers && !promotions) throw new Error('PassengerHome with vouchers needs the promotions subgraph (PROMOTIONS_URLS)');
  const vouchersCall =
    input.vouchers && promotions
      ? errors.settle(
          ['me', 'vouchers'],
          promotions.client
            .entities<{ vouchers: RemoteVoucher[] | null }>(
              '... on Rider { vouchers { code discountPercent validUntil product { id } } }',
              [{ __typename: 'Rider', id: input.riderId }],
              promotions.identityToken,
              options,
            )
            .then((entities) => entities[0]?.vouchers ?? null),
        )
      : Promise.resolve(null);
  const [riders, tripsByRider, nearby, products, remoteVouchers] = await Promise.all([
    errors.settle(['me'], getRiders(upstreams, [input.riderId], options)),
    errors.settle(['me', 'recentTrips'], getTripsByRider(upstreams, [input.riderId], input.first, options)),
    errors.settle(['nearbyDrivers'], getNearestDrivers(upstreams, { lat: input.lat, lng: input.lng }, 5, options)),
    errors.settle(
      ['products'],
      listProducts(upstreams, options).then(async (list) => {
        const prices = await getProductPrices(upstreams, list.map((p) => p.id), options).catch((error: unknown) => {
          errors.add(['products', 'price'], error);
          return [];
        });
        const byId = new Map(prices.map((p) => [p.productId, p.price]));
        return list.map((p) => {
          const price = byId.get(p.id);
          return { id: p.id, name: p.name, price: price ? { amount: price.amount, currency: price.currency, stale: false } : null };
        });
      }),
    ),
    vouchersCall,
  ]);
  const rider = riders?.[0] ?? null;
  const trips = tripsByRider?.[input.riderId] ?? (tripsByRider ? [] : null);

  const known = new Map<string, DriverRecord>();
  for (const entry of nearby ?? []) known.set(entry.driver.id, entry.driver);
  const missing = [...new Set((trips ?? []).flatMap((t) => (t.driverId && !known.has(t.driverId) ? [t.driverId] : [])))];
  const voucherProductIds = [...new Set((remoteVouchers ?? []).map((voucher) => voucher.product.id))];
  const [fares, drivers, voucherProducts] = await Promise.all([
    trips && trips.length > 0
      ? errors.settle(
          ['me', 'recentTrips', 'fare'],
          quoteFares(upstreams, trips.map((t) => ({ key: t.id, productId: t.productId, distanceMeters: t.distanceMeters })), options),
        )
      : [],
    missing.length > 0 ? errors.settle(['me', 'recentTrips', 'driver'], getDrivers(upstreams, missing, options)) : [],
    voucherProductIds.length > 0 ? errors.settle(['me', 'vouchers', 'product'], getProducts(upstreams, voucherProductIds, options)) : [],
  ]);
  // As in the schema: a voucher's product is non-null, so one missing nulls the whole list.
  const productNames = new Map((voucherProducts ?? []).map((product) => [product.id, product.name]));
  const vouchers =
    remoteVouchers && remoteVouchers.every((voucher) => productNames.has(voucher.product.id))
      ? remoteVouchers.map((voucher) => ({
          code: voucher.code,
          discountPercent: voucher.discountPercent,
          validUntil: voucher.validUntil,
          product: { id: voucher.product.id, name: productNames.get(voucher.product.id) },
        }))
      : null;
  for (const driver of drivers ?? []) known.set(driver.id, driver);
  const fareByTrip = new Map((fares ?? []).map((f) => [f.key, f.fare]));

  const me = rider && {
    id: rider.id,
    name: rider.name,
    rating: rider.rating,
    recentTrips:
      trips &&
      trips.map((trip) => {
        const fare = fareByTrip.get(trip.id) ?? null;
        const driver = trip.driverId ? (known.get(trip.driverId) ?? null) : null;
        return {
          id: trip.id,
          status: trip.status,
          fare: fare && { amount: fare.amount, currency: fare.currency },
          driver: driver && {
            id: driver.id,
            name: driver.name,
            rating: driver.rating,
            vehicle: { plate: driver.vehicle.plate, model: driver.vehicle.model },
          },
        };
      }),
    ...(input.vouchers ? { vouchers } : {}),
  };
  const nearbyDrivers =
    nearby &&
    nearby.map((entry) => {
      // What every passenger may see of a nearby driver, as the gateway answers it: about 100 m.
      const { etaSeconds, location } = approximateNearby(entry);
      return { id: entry.driver.id, etaSeconds, location, vehicle: { model: entry.driver.vehicle.model } };
    });
  return errors.result({ me, nearbyDrivers, products });
}
