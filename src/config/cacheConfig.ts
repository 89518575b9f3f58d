import { z } from 'zod';
import { clientCatalog, type ClientName } from './clientCatalog.ts';

/** The cache slice of the configuration (price cache and idempotency keys). */
export interface CacheConfig {
  /** `redis://...`: a Redis shared by every gateway replica; unset: in-memory Keyv per process. */
  readonly redisUrl: string | undefined;
  /** Prefix of every key in the shared store (default `ride-bff`), so several deployments or test runs can share one Redis. */
  readonly namespace: string;
  /** Longest wait for one cache call before it counts as a miss, ms (default 50). */
  readonly timeoutMs: number;
  /** How long to skip the shared store after it failed, before trying it again, ms (default 1 000). */
  readonly retryAfterMs: number;
  /** Redis connect timeout, ms (default 500). */
  readonly connectTimeoutMs: number;
  /** Entries of the in-process LRU, the last level (default 10 000). */
  readonly lruMaxEntries: number;
  /** How long a priced product is kept for the stale fallback, ms (default 86 400 000 = 24 h). */
  readonly priceTtlMs: number;
  /**
   * Read-through: a cached price quoted at most this long ago is served as fresh without asking
   * pricing, ms (default 0: off, every answer is priced live).
   */
  readonly priceFreshTtlMs: number;
  /** How long an `Idempotency-Key` is remembered, ms (default 86 400 000 = 24 h). */
  readonly idempotencyTtlMs: number;
  /** Automatic persisted queries (Apollo's APQ protocol), stored in the same Keyv store. */
  readonly apq: ApqConfig;
}

/** Automatic persisted queries: which clients accept them and how many are kept. */
export interface ApqConfig {
  /** Per client: `APQ_<CLIENT>`, else `APQ` (`on`|`off`, default on). Trusted documents `required` turn it off (src/startGateway.ts). */
  readonly enabled: Readonly<Record<ClientName, boolean>>;
  /** Longest query text registered, bytes (`APQ_MAX_QUERY_BYTES`, default 16 384); a longer one runs but is not stored. */
  readonly maxQueryBytes: number;
  /** Queries kept in memory per process, least recently used dropped first (`APQ_MAX_ENTRIES`, default 5 000). */
  readonly maxEntries: number;
  /** How long a registered query is kept (Redis TTL, and the in-memory level's), ms (`APQ_TTL_MS`, default 86 400 000 = 24 h). */
  readonly ttlMs: number;
}

const ms = z.coerce.number().int().positive();
const onOff = z.enum(['on', 'off', 'true', 'false', '1', '0']).transform((value) => value === 'on' || value === 'true' || value === '1');

/** The zod shape of every cache variable. */
export const cacheEnvShape: Readonly<Record<string, z.ZodType>> = {
  REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL').optional(),
  CACHE_NAMESPACE: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1-64 letters, digits or _.:-').optional(),
  CACHE_TIMEOUT_MS: ms.max(5_000).optional(),
  CACHE_RETRY_AFTER_MS: ms.max(600_000).optional(),
  REDIS_CONNECT_TIMEOUT_MS: ms.max(60_000).optional(),
  CACHE_LRU_MAX_ENTRIES: ms.max(10_000_000).optional(),
  PRICE_CACHE_TTL_MS: ms.optional(),
  PRICE_FRESH_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).optional(),
  IDEMPOTENCY_TTL_MS: ms.optional(),
  APQ: onOff.optional(),
  ...Object.fromEntries(clientCatalog.map((client) => [`APQ_${client.name.toUpperCase()}`, onOff.optional()])),
  APQ_MAX_QUERY_BYTES: ms.max(1_048_576).optional(),
  APQ_MAX_ENTRIES: ms.max(1_000_000).optional(),
  APQ_TTL_MS: ms.optional(),
};

/** Builds the cache slice from parsed variables. */
export function buildCacheConfig(parsed: Record<string, unknown>): CacheConfig {
  const num = (name: string, fallback: number): number => (parsed[name] as number | undefined) ?? fallback;
  return {
    redisUrl: parsed.REDIS_URL as string | undefined,
    namespace: (parsed.CACHE_NAMESPACE as string | undefined) ?? 'ride-bff',
    timeoutMs: num('CACHE_TIMEOUT_MS', 50),
    retryAfterMs: num('CACHE_RETRY_AFTER_MS', 1_000),
    connectTimeoutMs: num('REDIS_CONNECT_TIMEOUT_MS', 500),
    lruMaxEntries: num('CACHE_LRU_MAX_ENTRIES', 10_000),
    priceTtlMs: num('PRICE_CACHE_TTL_MS', 86_400_000),
    priceFreshTtlMs: num('PRICE_FRESH_TTL_MS', 0),
    idempotencyTtlMs: num('IDEMPOTENCY_TTL_MS', 86_400_000),
    apq: {
      enabled: Object.fromEntries(
        clientCatalog.map((client) => [client.name, (parsed[`APQ_${client.name.toUpperCase()}`] as boolean | undefined) ?? (parsed.APQ as boolean | undefined) ?? true]),
      ) as Record<ClientName, boolean>,
      maxQueryBytes: num('APQ_MAX_QUERY_BYTES', 16_384),
      maxEntries: num('APQ_MAX_ENTRIES', 5_000),
      ttlMs: num('APQ_TTL_MS', 86_400_000),
    },
  };
}
