import { z } from 'zod';

/** The call policies of one upstream service (see src/resilience/README.md). */
export interface ServicePolicyConfig {
  /** Longest single attempt, ms (default 1 000; per service in `schemas/services.json`: pricing 800; riders, drivers, recommendations 400). */
  readonly attemptCapMs: number;
  /** Attempts per idempotent call, retries included (default 2; 1 turns retries off; always 1 for a service whose reads are not idempotent). */
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

const ms = z.coerce.number().int().positive();
const ratio = z.coerce.number().gt(0).lt(1);

/**
 * Each policy setting: its env name (also `<NAME>_<SERVICE>` per service), its schema (the bounds a
 * variable and a catalog override must both keep) and its common default.
 */
export const servicePolicySettings = {
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
