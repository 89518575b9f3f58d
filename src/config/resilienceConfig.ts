import { z } from 'zod';

/** Every upstream service the gateway calls (keep in step with `src/upstreams/Upstreams.ts`). */
export const upstreamServiceNames = ['riders', 'trips', 'catalog', 'reviews', 'recommendations', 'notifications', 'drivers', 'pricing'] as const;

/** One of {@link upstreamServiceNames}. */
export type UpstreamServiceName = (typeof upstreamServiceNames)[number];

/** The call policies of one upstream service (see src/resilience/README.md). */
export interface ServicePolicyConfig {
  /** Longest single attempt, ms (default 1 000; pricing 800; riders, drivers, recommendations 400). */
  readonly attemptCapMs: number;
  /** Attempts per idempotent call, retries included (default 2; 1 turns retries off). */
  readonly maxAttempts: number;
  /** First retry backoff, ms, doubled per retry, ±20 % jitter (default 25). */
  readonly backoffBaseMs: number;
  /** Retries may be at most this share of calls (default 0.2)... */
  readonly retryBudgetRatio: number;
  /** ...plus this many retries per second (default 10)... */
  readonly retryBudgetMinPerSecond: number;
  /** ...counted over this window, ms (default 10 000). */
  readonly retryBudgetTtlMs: number;
  /** Breaker sampling window, ms (default 10 000). */
  readonly breakerWindowMs: number;
  /** Calls the window needs before the breaker may open (default 20). */
  readonly breakerMinCalls: number;
  /** Share of failed calls (timeouts included) that opens the breaker (default 0.5). */
  readonly breakerFailureRatio: number;
  /** How long the breaker stays open before a half-open probe, ms (default 5 000)... */
  readonly breakerOpenMs: number;
  /** ...growing ×2 per failed probe up to this, ms (default 60 000). */
  readonly breakerMaxOpenMs: number;
  /** Calls in flight at most; more are rejected at once, no queue (default 100). */
  readonly bulkheadMaxConcurrent: number;
}

/** Request-wide deadline rules shared by every service. */
export interface DeadlineConfig {
  /** Kept between an attempt's end and the request's deadline, ms (default 50). */
  readonly marginMs: number;
  /** No attempt starts with less than this left to the deadline, ms (default 100). */
  readonly minAttemptMs: number;
}

/** The resilience slice of the configuration. */
export interface ResilienceConfig {
  readonly deadline: DeadlineConfig;
  readonly services: Readonly<Record<UpstreamServiceName, ServicePolicyConfig>>;
}

const ms = z.coerce.number().int().positive();
const ratio = z.coerce.number().gt(0).lt(1);

/** Each setting: its env name (also `<NAME>_<SERVICE>` per service), schema and default. */
const settings = {
  attemptCapMs: { env: 'ATTEMPT_TIMEOUT_MS', schema: ms.max(5_000), fallback: 1_000 },
  maxAttempts: { env: 'RETRY_MAX_ATTEMPTS', schema: z.coerce.number().int().min(1).max(5), fallback: 2 },
  backoffBaseMs: { env: 'RETRY_BACKOFF_MS', schema: ms.max(1_000), fallback: 25 },
  retryBudgetRatio: { env: 'RETRY_BUDGET_RATIO', schema: z.coerce.number().min(0).max(1), fallback: 0.2 },
  retryBudgetMinPerSecond: { env: 'RETRY_BUDGET_MIN_PER_SEC', schema: z.coerce.number().min(0).max(10_000), fallback: 10 },
  retryBudgetTtlMs: { env: 'RETRY_BUDGET_TTL_MS', schema: ms.min(1_000).max(600_000), fallback: 10_000 },
  breakerWindowMs: { env: 'BREAKER_WINDOW_MS', schema: ms.min(100).max(600_000), fallback: 10_000 },
  breakerMinCalls: { env: 'BREAKER_MIN_CALLS', schema: z.coerce.number().int().min(1).max(100_000), fallback: 20 },
  breakerFailureRatio: { env: 'BREAKER_FAILURE_RATIO', schema: ratio, fallback: 0.5 },
  breakerOpenMs: { env: 'BREAKER_OPEN_MS', schema: ms.max(600_000), fallback: 5_000 },
  breakerMaxOpenMs: { env: 'BREAKER_MAX_OPEN_MS', schema: ms.max(3_600_000), fallback: 60_000 },
  bulkheadMaxConcurrent: { env: 'BULKHEAD_MAX_CONCURRENT', schema: z.coerce.number().int().min(1).max(100_000), fallback: 100 },
} as const satisfies Record<keyof ServicePolicyConfig, { env: string; schema: z.ZodType<number, unknown>; fallback: number }>;

/** Per-service defaults that differ from the common ones. */
const serviceDefaults: Partial<Record<UpstreamServiceName, Partial<ServicePolicyConfig>>> = {
  pricing: { attemptCapMs: 800 },
  // Called in a screen's first fetch (me, nearbyDrivers) or before follow-up fetches (the top-10
  // list still needs catalog and pricing): a slow one must leave the rest of the screen time
  // within the deadline, so it gives up sooner.
  riders: { attemptCapMs: 400 },
  drivers: { attemptCapMs: 400 },
  recommendations: { attemptCapMs: 400 },
};

const settingKeys = Object.keys(settings) as (keyof ServicePolicyConfig)[];

/** The zod shape of every resilience variable: `DEADLINE_MARGIN_MS`, `MIN_ATTEMPT_MS`, each setting and its per-service form. */
export const resilienceEnvShape: Readonly<Record<string, z.ZodType>> = {
  DEADLINE_MARGIN_MS: z.coerce.number().int().min(0).max(1_000).optional(),
  MIN_ATTEMPT_MS: z.coerce.number().int().min(1).max(5_000).optional(),
  ...Object.fromEntries(
    settingKeys.flatMap((key) => {
      const { env, schema } = settings[key];
      return [[env, schema.optional()], ...upstreamServiceNames.map((service) => [`${env}_${service.toUpperCase()}`, schema.optional()])];
    }),
  ),
};

/**
 * Builds the resilience slice from parsed variables: for each service and setting, the per-service
 * variable, else the common one, else the service's default, else the common default.
 */
export function buildResilienceConfig(parsed: Record<string, unknown>): ResilienceConfig {
  const services = Object.fromEntries(
    upstreamServiceNames.map((service) => {
      const policy = Object.fromEntries(
        settingKeys.map((key) => {
          const { env, fallback } = settings[key];
          const value = parsed[`${env}_${service.toUpperCase()}`] ?? parsed[env] ?? serviceDefaults[service]?.[key] ?? fallback;
          return [key, value as number];
        }),
      ) as unknown as ServicePolicyConfig;
      return [service, { ...policy, breakerMaxOpenMs: Math.max(policy.breakerMaxOpenMs, policy.breakerOpenMs) }];
    }),
  ) as Record<UpstreamServiceName, ServicePolicyConfig>;
  return {
    deadline: { marginMs: Number(parsed.DEADLINE_MARGIN_MS ?? 50), minAttemptMs: Number(parsed.MIN_ATTEMPT_MS ?? 100) },
    services,
  };
}
