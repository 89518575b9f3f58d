import { createClient } from '@keyv/redis';
import type { RedisEval } from './RedisWindowCounters.ts';

/** The rate limits' Redis connection: what the counters call, and how to close it. */
export interface RateLimitRedis {
  readonly client: RedisEval;
  close(): Promise<void>;
}

/**
 * Connects the rate limits' own node-redis client (`createClient` of `@keyv/redis`) the way the
 * price cache's is (src/cache/createKeyv.ts): no offline queue (a command while disconnected fails
 * at once instead of waiting for a reconnect: node-redis #1888), `connectTimeoutMs`, reconnecting
 * by itself (2^n × 100 ms, at most 2 s, ± 50 ms). Connects now, not on the first request; a Redis
 * that is down at start is retried by the reconnect strategy. Never throws or rejects.
 */
export function connectRateLimitRedis(options: { readonly url: string; readonly connectTimeoutMs: number }): RateLimitRedis {
  const redis = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: options.connectTimeoutMs,
      reconnectStrategy: (retries: number) => Math.min(2 ** retries * 100, 2_000) + (Math.random() - 0.5) * 100,
    },
  });
  // Without a listener an 'error' event (a refused reconnect) would crash the process; the guard reports health.
  redis.on('error', () => undefined);
  redis.connect().catch(() => undefined);
  return {
    client: { eval: (script, evalOptions) => redis.eval(script, evalOptions) },
    async close() {
      try {
        // Also stops a reconnect loop when Redis never came up.
        redis.destroy();
      } catch {
        // Closing a broken connection may throw; there is nothing left to release.
      }
    },
  };
}
