import type { Registry } from 'prom-client';
import type { AdmissionConfig } from '../config/index.ts';
import { AdmissionController } from './AdmissionController.ts';
import { AdmissionMetrics } from './AdmissionMetrics.ts';
import { ConcurrencyLimiter } from './ConcurrencyLimiter.ts';
import { connectRateLimitRedis } from './connectRateLimitRedis.ts';
import { EventLoopDelayMonitor } from './EventLoopDelayMonitor.ts';
import { GuardedWindowCounters } from './GuardedWindowCounters.ts';
import { MemoryWindowCounters } from './MemoryWindowCounters.ts';
import { RateLimits } from './RateLimits.ts';
import { RedisWindowCounters } from './RedisWindowCounters.ts';
import type { WindowCounters } from './WindowCounters.ts';

/** The gateway's admission control and rate limits, wired; {@link close} stops the monitor and Redis. */
export interface Admission {
  /** The door of the GraphQL endpoints (503 OVERLOADED). */
  readonly controller: AdmissionController;
  /** Per caller, per client app and per mutation field (429 RATE_LIMITED). */
  readonly rateLimits: RateLimits;
  /** What `/readyz` shows. */
  details(): Record<string, unknown>;
  close(): Promise<void>;
}

/**
 * Builds admission control and rate limits from the admission slice, registers their metrics in
 * `registry`, starts the event-loop monitor (unless off) and, with `REDIS_URL`, connects the rate
 * limits' own Redis client ({@link connectRateLimitRedis}) behind {@link GuardedWindowCounters}.
 */
export function createAdmission(config: AdmissionConfig, registry: Registry): Admission {
  const { concurrency, eventLoop, rateLimits: limits } = config;
  const limiter =
    concurrency.maxInFlight > 0
      ? new ConcurrencyLimiter({
          minLimit: concurrency.minInFlight,
          maxLimit: concurrency.maxInFlight,
          initialLimit: concurrency.initialInFlight,
          latencyThresholdMs: concurrency.latencyMs,
          backoffRatio: concurrency.backoffRatio,
        })
      : undefined;
  const monitor =
    eventLoop.p99Ms > 0 ? new EventLoopDelayMonitor({ p99BoundMs: eventLoop.p99Ms, windows: eventLoop.windows, windowMs: eventLoop.windowMs }) : undefined;
  monitor?.start();

  const local = new MemoryWindowCounters({ maxKeys: limits.store.maxLocalKeys });
  let counters: WindowCounters = local;
  let guarded: GuardedWindowCounters | undefined;
  let closeRedis = async (): Promise<void> => undefined;
  if (limits.store.redisUrl) {
    const redis = connectRateLimitRedis({ url: limits.store.redisUrl, connectTimeoutMs: limits.store.connectTimeoutMs });
    guarded = new GuardedWindowCounters({
      shared: new RedisWindowCounters({ client: redis.client }),
      local,
      timeoutMs: limits.store.timeoutMs,
      retryAfterMs: limits.store.retryAfterMs,
    });
    counters = guarded;
    closeRedis = () => redis.close();
  }

  const metrics = new AdmissionMetrics(registry, {
    limit: () => limiter?.limit,
    inFlight: () => limiter?.inFlight ?? 0,
    eventLoopP99Ms: () => monitor?.lastP99Ms,
    rateLimitStoreHealthy: () => guarded?.healthy,
  });
  const controller = new AdmissionController({
    ...(limiter ? { concurrency: limiter } : {}),
    ...(monitor ? { eventLoop: monitor } : {}),
    onShed: (client, reason) => metrics.shed(client, reason),
  });
  const rateLimits = new RateLimits({
    limits,
    counters,
    namespace: limits.store.namespace,
    onLimited: (client, scope) => metrics.rateLimited(client, scope),
  });
  return {
    controller,
    rateLimits,
    details: () => ({
      ...controller.details(),
      rateLimitStore: guarded ? { kind: 'redis', healthy: guarded.healthy } : { kind: 'memory' },
    }),
    async close() {
      monitor?.stop();
      await closeRedis();
    },
  };
}
