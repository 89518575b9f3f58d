import { z } from 'zod';
import { buildCacheConfig } from './cacheConfig.ts';

/**
 * The adaptive in-flight limit (AIMD, src/admission/AimdLimit.ts). Its ceiling sits below what the
 * per-service bulkheads carry (100 calls in flight per service; a PassengerHome request holds 1–2
 * calls of a service at once, so at most 50 such requests fit): overload is refused at the door
 * (503 OVERLOADED) instead of being rejected by a bulkhead inside and answered degraded.
 */
export interface ConcurrencyLimitConfig {
  /** Ceiling of the limit, requests in flight (default 40; 0 turns the concurrency limit off). */
  readonly maxInFlight: number;
  /** Floor of the limit, requests in flight (default 8, at most `maxInFlight`). */
  readonly minInFlight: number;
  /** The limit at start, requests in flight (default 16, within `minInFlight`..`maxInFlight`). */
  readonly initialInFlight: number;
  /** A request answered slower than this counts as a congestion signal that lowers the limit, ms (default 300). */
  readonly latencyMs: number;
  /** The limit is multiplied by this on each congestion signal (default 0.9). */
  readonly backoffRatio: number;
}

/** The event-loop-delay monitor (src/admission/EventLoopDelayMonitor.ts). */
export interface EventLoopLimitConfig {
  /** Overloaded while the loop's p99 delay stays above this, ms (default 500; 0 turns the monitor off). */
  readonly p99Ms: number;
  /** ...for this many consecutive windows (default 3)... */
  readonly windows: number;
  /** ...of this length, ms (default 1 000). */
  readonly windowMs: number;
}

/** Where rate-limit counters live: the cache's Redis (shared by the replicas) or this process. */
export interface RateLimitStoreConfig {
  /** `REDIS_URL`; unset: counters in this process only. */
  readonly redisUrl: string | undefined;
  /** `CACHE_NAMESPACE`: keys are `<namespace>:rl:v1:...` (default `ride-bff`). */
  readonly namespace: string;
  /** `CACHE_TIMEOUT_MS`: longest wait for one Redis call before the in-process counters decide, ms (default 50). */
  readonly timeoutMs: number;
  /** `CACHE_RETRY_AFTER_MS`: Redis is skipped this long after a failure, ms (default 1 000). */
  readonly retryAfterMs: number;
  /** `REDIS_CONNECT_TIMEOUT_MS`, ms (default 500). */
  readonly connectTimeoutMs: number;
  /** Keys the in-process counters keep at most; the least recently used go first (default 100 000). */
  readonly maxLocalKeys: number;
}

/** Rate limits per caller and per client app (src/admission/RateLimits.ts); every limit 0 = off. */
export interface RateLimitConfig {
  /** Requests per signed-in user (token subject) and client app, per minute (default 600). */
  readonly userPerMinute: number;
  /** Requests per anonymous caller's IP address and client app, per minute (default 1 200: NATs share addresses). */
  readonly anonymousPerMinute: number;
  /**
   * Requests per client app (passenger, driver, web) across all callers and gateways sharing Redis
   * (without Redis: per gateway), per second (default 5 000). A guard against a runaway app release
   * (a retry loop), not a meter of normal use: size it to what the domain services carry.
   */
  readonly clientPerSecond: number;
  /** Calls of each mutation root field per caller, per minute, unless named in `mutationFieldPerMinute` (default 120: a driver's `updateLocation` at 1 Hz fits). */
  readonly mutationPerMinute: number;
  /** Per-field mutation limits per caller, per minute (default `requestRide`: 20). */
  readonly mutationFieldPerMinute: Readonly<Record<string, number>>;
  readonly store: RateLimitStoreConfig;
}

/** The admission slice of the configuration: load shedding (503 OVERLOADED) and rate limits (429 RATE_LIMITED). */
export interface AdmissionConfig {
  readonly concurrency: ConcurrencyLimitConfig;
  readonly eventLoop: EventLoopLimitConfig;
  readonly rateLimits: RateLimitConfig;
}

/** Defaults of the admission slice (documented on each field above). */
export const admissionDefaults = {
  maxInFlight: 40,
  minInFlight: 8,
  initialInFlight: 16,
  latencyMs: 300,
  backoffRatio: 0.9,
  eventLoopP99Ms: 500,
  eventLoopWindows: 3,
  eventLoopWindowMs: 1_000,
  userPerMinute: 600,
  anonymousPerMinute: 1_200,
  clientPerSecond: 5_000,
  mutationPerMinute: 120,
  requestRidePerMinute: 20,
  maxLocalKeys: 100_000,
} as const;

/** A whole number written in decimal digits only (an empty value is an error, never "off"). */
const count = (max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number (0 = off where allowed)')
    .transform(Number)
    .pipe(z.number().max(max, `must be at most ${max}`));
const atLeastOne = (max: number) => count(max).pipe(z.number().min(1, 'must be at least 1'));

/** The zod shape of every admission variable. */
export const admissionEnvShape: Readonly<Record<string, z.ZodType>> = {
  ADMISSION_MAX_IN_FLIGHT: count(100_000).optional(),
  ADMISSION_MIN_IN_FLIGHT: atLeastOne(100_000).optional(),
  ADMISSION_INITIAL_IN_FLIGHT: atLeastOne(100_000).optional(),
  ADMISSION_LATENCY_MS: atLeastOne(60_000).optional(),
  ADMISSION_BACKOFF_RATIO: z.coerce.number().gt(0, 'must be above 0').lt(1, 'must be below 1').optional(),
  ADMISSION_EVENT_LOOP_P99_MS: count(60_000).optional(),
  ADMISSION_EVENT_LOOP_WINDOWS: atLeastOne(60).optional(),
  ADMISSION_EVENT_LOOP_WINDOW_MS: count(60_000).pipe(z.number().min(250, 'must be at least 250')).optional(),
  RATE_LIMIT_USER_PER_MIN: count(10_000_000).optional(),
  RATE_LIMIT_ANONYMOUS_PER_MIN: count(10_000_000).optional(),
  RATE_LIMIT_CLIENT_PER_SEC: count(10_000_000).optional(),
  RATE_LIMIT_MUTATION_PER_MIN: count(10_000_000).optional(),
  RATE_LIMIT_REQUEST_RIDE_PER_MIN: count(10_000_000).optional(),
  RATE_LIMIT_MAX_LOCAL_KEYS: atLeastOne(10_000_000).optional(),
};

type Issue = { code: 'custom'; path: [string]; message: string };

/**
 * Cross-variable checks (a zod `superRefine` over the parsed variables): an explicit minimum above
 * an explicit maximum, or an explicit initial limit outside them. Unset bounds follow the set ones.
 */
export function checkAdmissionEnv(parsed: Record<string, unknown>, ctx: { addIssue(issue: Issue): void }): void {
  const num = (name: string): number | undefined => (typeof parsed[name] === 'number' ? (parsed[name] as number) : undefined);
  const max = num('ADMISSION_MAX_IN_FLIGHT');
  const min = num('ADMISSION_MIN_IN_FLIGHT');
  const initial = num('ADMISSION_INITIAL_IN_FLIGHT');
  if (max === 0) return;
  if (min !== undefined && max !== undefined && min > max) {
    ctx.addIssue({ code: 'custom', path: ['ADMISSION_MIN_IN_FLIGHT'], message: `must not exceed ADMISSION_MAX_IN_FLIGHT (${max})` });
  }
  const bounds = resolveBounds(max, min);
  if (initial !== undefined && (initial < bounds.min || initial > bounds.max)) {
    ctx.addIssue({ code: 'custom', path: ['ADMISSION_INITIAL_IN_FLIGHT'], message: `must be within ${bounds.min}..${bounds.max} (the minimum and maximum in flight)` });
  }
}

/** Defaults give way to explicit values: a low explicit maximum lowers the default minimum, and the reverse. */
function resolveBounds(max: number | undefined, min: number | undefined): { min: number; max: number } {
  const resolvedMax = max ?? Math.max(admissionDefaults.maxInFlight, min ?? 0);
  return { max: resolvedMax, min: min ?? Math.min(admissionDefaults.minInFlight, resolvedMax) };
}

/** Builds the admission slice from parsed variables (after {@link checkAdmissionEnv} passed). */
export function buildAdmissionConfig(parsed: Record<string, unknown>): AdmissionConfig {
  const num = (name: string, fallback: number): number => (parsed[name] as number | undefined) ?? fallback;
  const maxSet = parsed.ADMISSION_MAX_IN_FLIGHT as number | undefined;
  const bounds = resolveBounds(maxSet === 0 ? undefined : maxSet, parsed.ADMISSION_MIN_IN_FLIGHT as number | undefined);
  const cache = buildCacheConfig(parsed);
  const requestRide = num('RATE_LIMIT_REQUEST_RIDE_PER_MIN', admissionDefaults.requestRidePerMinute);
  return {
    concurrency: {
      maxInFlight: maxSet === 0 ? 0 : bounds.max,
      minInFlight: bounds.min,
      initialInFlight: num('ADMISSION_INITIAL_IN_FLIGHT', Math.min(Math.max(admissionDefaults.initialInFlight, bounds.min), bounds.max)),
      latencyMs: num('ADMISSION_LATENCY_MS', admissionDefaults.latencyMs),
      backoffRatio: num('ADMISSION_BACKOFF_RATIO', admissionDefaults.backoffRatio),
    },
    eventLoop: {
      p99Ms: num('ADMISSION_EVENT_LOOP_P99_MS', admissionDefaults.eventLoopP99Ms),
      windows: num('ADMISSION_EVENT_LOOP_WINDOWS', admissionDefaults.eventLoopWindows),
      windowMs: num('ADMISSION_EVENT_LOOP_WINDOW_MS', admissionDefaults.eventLoopWindowMs),
    },
    rateLimits: {
      userPerMinute: num('RATE_LIMIT_USER_PER_MIN', admissionDefaults.userPerMinute),
      anonymousPerMinute: num('RATE_LIMIT_ANONYMOUS_PER_MIN', admissionDefaults.anonymousPerMinute),
      clientPerSecond: num('RATE_LIMIT_CLIENT_PER_SEC', admissionDefaults.clientPerSecond),
      mutationPerMinute: num('RATE_LIMIT_MUTATION_PER_MIN', admissionDefaults.mutationPerMinute),
      mutationFieldPerMinute: { requestRide },
      store: {
        redisUrl: cache.redisUrl,
        namespace: cache.namespace,
        timeoutMs: cache.timeoutMs,
        retryAfterMs: cache.retryAfterMs,
        connectTimeoutMs: cache.connectTimeoutMs,
        maxLocalKeys: num('RATE_LIMIT_MAX_LOCAL_KEYS', admissionDefaults.maxLocalKeys),
      },
    },
  };
}
