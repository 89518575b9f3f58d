import { z } from 'zod';

/** Live subscriptions' limits (GraphQL over WebSocket and SSE; src/live). */
export interface SubscriptionsConfig {
  /** How long a WebSocket may stay open without `connection_init`, ms (SUBSCRIPTION_INIT_TIMEOUT_MS, default 5 000): then closed with 4408. */
  readonly initTimeoutMs: number;
  /** Ping interval, ms (SUBSCRIPTION_KEEPALIVE_MS, default 12 000): a peer that answers no ping within one interval is dropped. */
  readonly keepAliveMs: number;
  /** Live subscriptions on one connection (SUBSCRIPTIONS_PER_CONNECTION, default 20): one more is refused with TOO_MANY_SUBSCRIPTIONS. */
  readonly maxPerConnection: number;
  /** Live subscriptions of one user (client and token subject) on this gateway (SUBSCRIPTIONS_PER_USER, default 50): TOO_MANY_SUBSCRIPTIONS. */
  readonly maxPerUser: number;
  /** Open WebSocket and SSE connections on this gateway (SUBSCRIPTION_MAX_CONNECTIONS, default 10 000): one more is closed with 1013. */
  readonly maxConnections: number;
  /** Bytes a subscriber's socket may have unsent (SUBSCRIPTION_MAX_BUFFERED_BYTES, default 1 MiB): past it the connection is closed with 1013. */
  readonly maxBufferedBytes: number;
  /** Distinct event streams (a trip, a driver's positions, an offer) one subscription may have waiting, conflated (SUBSCRIPTION_MAX_PENDING, default 100): past it, 1013. */
  readonly maxPendingStreams: number;
}

const count = z.coerce.number().int().positive();

/** The zod shape of the subscriptions variables. */
export const subscriptionsEnvShape = {
  SUBSCRIPTION_INIT_TIMEOUT_MS: count.max(60_000).default(5_000),
  SUBSCRIPTION_KEEPALIVE_MS: count.max(300_000).default(12_000),
  SUBSCRIPTIONS_PER_CONNECTION: count.max(1_000).default(20),
  SUBSCRIPTIONS_PER_USER: count.max(10_000).default(50),
  SUBSCRIPTION_MAX_CONNECTIONS: count.max(1_000_000).default(10_000),
  SUBSCRIPTION_MAX_BUFFERED_BYTES: count.min(1_024).default(1_048_576),
  SUBSCRIPTION_MAX_PENDING: count.max(100_000).default(100),
} as const;

type SubscriptionsEnv = z.infer<z.ZodObject<typeof subscriptionsEnvShape>>;

/** The subscriptions slice of the configuration, from the parsed variables. */
export function buildSubscriptionsConfig(parsed: Record<string, unknown>): SubscriptionsConfig {
  const e = parsed as SubscriptionsEnv;
  return {
    initTimeoutMs: e.SUBSCRIPTION_INIT_TIMEOUT_MS,
    keepAliveMs: e.SUBSCRIPTION_KEEPALIVE_MS,
    maxPerConnection: e.SUBSCRIPTIONS_PER_CONNECTION,
    maxPerUser: e.SUBSCRIPTIONS_PER_USER,
    maxConnections: e.SUBSCRIPTION_MAX_CONNECTIONS,
    maxBufferedBytes: e.SUBSCRIPTION_MAX_BUFFERED_BYTES,
    maxPendingStreams: e.SUBSCRIPTION_MAX_PENDING,
  };
}
