import DataLoader from 'dataloader';
import type { PriceCache } from '../../cache/index.ts';
import type { CallOptions } from '../../transport/types.ts';
import {
  getDrivers,
  getEarnings,
  getProductPrices,
  getProducts,
  getRecommendations,
  getReviews,
  getRiders,
  getTrips,
  getTripsByRider,
  listProducts,
  quoteFares,
  type DriverRecord,
  type EarningsPeriodRecord,
  type FareInputRecord,
  type MoneyRecord,
  type ProductPriceRecord,
  type ProductRecord,
  type ReviewRecord,
  type ReviewSubject,
  type RiderRecord,
  type TripRecord,
  type Upstreams,
} from '../../upstreams/index.ts';
import { groupBy, mapByKey } from './mapByKey.ts';

/** A list lookup for one subject with a page size. */
export interface PageKey {
  readonly id: string;
  readonly first: number;
}

/** A driver's earnings in one period. */
export interface EarningsKey {
  readonly driverId: string;
  readonly period: EarningsPeriodRecord;
}

const pageCacheKey = (key: PageKey): string => `${key.first}:${key.id}`;

/**
 * One request's DataLoaders, one per upstream lookup, each created on first use. Every batch is one
 * upstream call (one per distinct page size for paged lookups), whatever the list sizes.
 */
export class Loaders {
  readonly #upstreams: Upstreams;
  readonly #options: CallOptions;
  #riders?: DataLoader<string, RiderRecord | null>;
  #drivers?: DataLoader<string, DriverRecord | null>;
  #trips?: DataLoader<string, TripRecord | null>;
  #tripsByRider?: DataLoader<PageKey, TripRecord[], string>;
  #products?: DataLoader<string, ProductRecord | null>;
  #allProducts?: Promise<ProductRecord[]>;
  #productReviews?: DataLoader<PageKey, ReviewRecord[], string>;
  #driverReviews?: DataLoader<PageKey, ReviewRecord[], string>;
  #recommendations?: DataLoader<string, string[]>;
  #prices?: DataLoader<string, ProductPriceRecord | null>;
  #fares?: DataLoader<FareInputRecord, MoneyRecord | null, string>;
  #earnings?: DataLoader<EarningsKey, MoneyRecord | null, string>;

  readonly #priceCache: PriceCache | undefined;

  /** `options` are the read options of the request (its deadline and signal); fresh prices are written through to `priceCache`. */
  constructor(upstreams: Upstreams, options: CallOptions, priceCache?: PriceCache) {
    this.#upstreams = upstreams;
    this.#options = options;
    this.#priceCache = priceCache;
  }

  /** Riders by id. */
  get riders(): DataLoader<string, RiderRecord | null> {
    return (this.#riders ??= new DataLoader(async (ids) =>
      mapByKey(ids, await getRiders(this.#upstreams, ids, this.#options), (r) => r.id),
    ));
  }

  /** Drivers by id. */
  get drivers(): DataLoader<string, DriverRecord | null> {
    return (this.#drivers ??= new DataLoader(async (ids) =>
      mapByKey(ids, await getDrivers(this.#upstreams, ids, this.#options), (d) => d.id),
    ));
  }

  /** Trips by id. */
  get trips(): DataLoader<string, TripRecord | null> {
    return (this.#trips ??= new DataLoader(async (ids) =>
      mapByKey(ids, await getTrips(this.#upstreams, ids, this.#options), (t) => t.id),
    ));
  }

  /** Each rider's newest trips; also primes {@link trips}. */
  get tripsByRider(): DataLoader<PageKey, TripRecord[], string> {
    return (this.#tripsByRider ??= new DataLoader(
      (keys) =>
        this.#pages(keys, async (ids, first) => {
          const byRider = await getTripsByRider(this.#upstreams, ids, first, this.#options);
          for (const list of Object.values(byRider)) for (const trip of list) this.trips.prime(trip.id, trip);
          return byRider;
        }),
      { cacheKeyFn: pageCacheKey },
    ));
  }

  /** Products by id. */
  get products(): DataLoader<string, ProductRecord | null> {
    return (this.#products ??= new DataLoader(async (ids) =>
      mapByKey(ids, await getProducts(this.#upstreams, ids, this.#options), (p) => p.id),
    ));
  }

  /** Every product on offer (one call per request); also primes {@link products}. */
  allProducts(): Promise<ProductRecord[]> {
    return (this.#allProducts ??= listProducts(this.#upstreams, this.#options).then((products) => {
      for (const product of products) this.products.prime(product.id, product);
      return products;
    }));
  }

  /** Each product's newest reviews. */
  get productReviews(): DataLoader<PageKey, ReviewRecord[], string> {
    return (this.#productReviews ??= this.#reviewsLoader('product'));
  }

  /** Each driver's newest reviews. */
  get driverReviews(): DataLoader<PageKey, ReviewRecord[], string> {
    return (this.#driverReviews ??= this.#reviewsLoader('driver'));
  }

  /** Related product ids per product. */
  get recommendations(): DataLoader<string, string[]> {
    return (this.#recommendations ??= new DataLoader(async (ids) => {
      const byProduct = await getRecommendations(this.#upstreams, ids, this.#options);
      return ids.map((id) => byProduct[id] ?? []);
    }));
  }

  /** Current price per product: cached ones young enough to count as fresh (read-through, when on), then pricing for the rest. */
  get prices(): DataLoader<string, ProductPriceRecord | null> {
    return (this.#prices ??= new DataLoader(async (ids) => {
      const cached = (await this.#priceCache?.freshPrices(ids)) ?? [];
      const cachedIds = new Set(cached.map((price) => price.productId));
      const missing = cachedIds.size === 0 ? ids : ids.filter((id) => !cachedIds.has(id));
      const fetched = missing.length > 0 ? await getProductPrices(this.#upstreams, missing, this.#options) : [];
      // Write-through for the stale fallback and read-through; never waited for.
      this.#priceCache?.remember(fetched);
      return mapByKey(ids, [...cached, ...fetched], (p) => p.productId);
    }));
  }

  /** Fares per trip (keyed by trip id). */
  get fares(): DataLoader<FareInputRecord, MoneyRecord | null, string> {
    return (this.#fares ??= new DataLoader(
      async (inputs) => {
        const fares = await quoteFares(this.#upstreams, inputs, this.#options);
        return mapByKey(
          inputs.map((input) => input.key),
          fares,
          (fare) => fare.key,
        ).map((fare) => fare?.fare ?? null);
      },
      { cacheKeyFn: (input) => `${input.key}:${input.productId}:${input.distanceMeters}` },
    ));
  }

  /** Driver earnings per period (one call per distinct period). */
  get earnings(): DataLoader<EarningsKey, MoneyRecord | null, string> {
    return (this.#earnings ??= new DataLoader(
      async (keys) => {
        const results = new Map<string, MoneyRecord | null>();
        await Promise.all(
          [...groupBy(keys, (key) => key.period)].map(async ([period, group]) => {
            const ids = group.map((key) => key.driverId);
            const earnings = await getEarnings(this.#upstreams, ids, period, this.#options);
            for (const entry of earnings) results.set(`${period}:${entry.driverId}`, entry.total);
          }),
        );
        return keys.map((key) => results.get(`${key.period}:${key.driverId}`) ?? null);
      },
      { cacheKeyFn: (key) => `${key.period}:${key.driverId}` },
    ));
  }

  #reviewsLoader(subject: ReviewSubject): DataLoader<PageKey, ReviewRecord[], string> {
    return new DataLoader(
      (keys) => this.#pages(keys, (ids, first) => getReviews(this.#upstreams, subject, ids, first, this.#options)),
      { cacheKeyFn: pageCacheKey },
    );
  }

  /** One upstream call per distinct page size; results mapped back per key (empty when absent). */
  async #pages<T>(
    keys: readonly PageKey[],
    fetchPage: (ids: string[], first: number) => Promise<Record<string, T[]>>,
  ): Promise<T[][]> {
    const results = new Map<string, T[]>();
    await Promise.all(
      [...groupBy(keys, (key) => key.first)].map(async ([first, group]) => {
        const page = await fetchPage(
          group.map((key) => key.id),
          first,
        );
        for (const key of group) results.set(pageCacheKey(key), page[key.id] ?? []);
      }),
    );
    return keys.map((key) => results.get(pageCacheKey(key)) ?? []);
  }
}
