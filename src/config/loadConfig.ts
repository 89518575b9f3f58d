import { buildPublishingConfig, publishingEnvShape, type PublishingConfig } from './publishingConfig.ts';
import { buildIdentityConfig, identityEnvShape, type IdentityConfig } from './identityConfig.ts';
import { z } from 'zod';
import { admissionEnvShape, buildAdmissionConfig, checkAdmissionEnv, type AdmissionConfig } from './admissionConfig.ts';
import { configProblem } from './configProblem.ts';
import { buildEventsConfig, eventsEnvShape, type EventsConfig } from './eventsConfig.ts';
import { buildCacheConfig, cacheEnvShape, type CacheConfig } from './cacheConfig.ts';
import { buildLimitsConfig, limitsEnvShape, type LimitsConfig } from './limitsConfig.ts';
import type { ClientName } from './clientNames.ts';
import { buildDeadlines, deadlineEnvShape } from './deadlineConfig.ts';
import { parseDiscoveryEnv, type DiscoveryConfig } from './discoveryConfig.ts';
import { buildPlainConfig, plainEnvShape, type PlainConfig } from './plainConfig.ts';
import { buildResilienceConfig, resilienceEnvShape, type ResilienceConfig } from './resilienceConfig.ts';
import { buildSubscriptionsConfig, subscriptionsEnvShape, type SubscriptionsConfig } from './subscriptionsConfig.ts';
import { buildTrustedDocumentsConfig, trustedDocumentsEnvShape, type TrustedDocumentsPolicy } from './trustedDocumentsConfig.ts';

/** Development defaults, used in demo mode only; production refuses to start without real values. */
export const demoSecrets = {
  jwtSecret: 'demo-only-jwt-secret-change-me-0123456789',
  registryToken: 'demo-only-registry-token',
  /** HS256 key of the identity tokens the gateway signs for remote subgraphs (IDENTITY_SECRET; the demo fleet's `promotions` verifies them). */
  identitySecret: 'demo-only-identity-secret-change-me-0123456789',
} as const;

/** The gateway's whole configuration, read once at start-up and frozen. */
export interface Config {
  /** `demo` unless NODE_ENV=production. */
  readonly mode: 'demo' | 'production';
  readonly host: string;
  readonly port: number;
  /** Largest request body accepted, bytes (default 102 400). */
  readonly bodyLimitBytes: number;
  /** Longest wait for a whole request, headers and body, ms (default 10 000): a stalled one gets 408 and a closed connection. */
  readonly bodyTimeoutMs: number;
  /** How long in-flight requests may finish after SIGTERM, ms (default 10 000). */
  readonly shutdownGraceMs: number;
  /** Schema introspection (default: as the playground: on in demo mode, off in production unless `PLAYGROUND=true`). */
  readonly introspection: boolean;
  /** The GraphiQL playground for browsers at each client's path (default: on in demo mode, off in production). */
  readonly playground: boolean;
  /** Whole-request deadline per client, ms (default 1 000). */
  readonly deadlineMs: Readonly<Record<ClientName, number>>;
  readonly auth: {
    readonly issuer: string;
    /** HS256 secret (demo default in demo mode). */
    readonly secret: string | undefined;
    /** JWKS URL for asymmetric keys, instead of a secret. */
    readonly jwksUrl: string | undefined;
    /** The only algorithm accepted (default HS256 with a secret, RS256 with JWKS). */
    readonly algorithm: string;
    /** Allowed clock skew, seconds (default 30). */
    readonly clockToleranceSec: number;
  };
  readonly registry: {
    /** A remote registry's base URL; unset: the embedded registry in this process. */
    readonly url: string | undefined;
    /** Token services present to register. */
    readonly token: string;
    /** Silence after which an instance is evicted, ms (default 15 000). */
    readonly ttlMs: number;
    /** Heartbeat interval told to instances, ms (default 5 000). */
    readonly heartbeatIntervalMs: number;
  };
  /** Registry backends, third-party registrations, load balancing and outlier detection (`src/config/discoveryConfig.ts`). */
  readonly discovery: DiscoveryConfig;
  readonly demo: {
    /** Start the demo fleet (default: on in demo mode, off in production and in plain federation mode). */
    readonly fleet: boolean;
    /** Fault control port (default 4100; 0 picks a free one). */
    readonly controlPort: number;
    /** Whether DEMO_CONTROL_PORT was set: if not and 4100 is taken, `npm start` picks a free port instead of failing. */
    readonly controlPortSet: boolean;
    /** Instances per service, e.g. `drivers=3,pricing=2` (default: the fleet's). */
    readonly instances: string | undefined;
    /** Fault control of a fleet started elsewhere (e.g. its own container), for the `/demo/...` proxy. */
    readonly controlUrl: string | undefined;
  };
  /** Deadlines and per-service call policies (`src/config/resilienceConfig.ts`). */
  readonly resilience: ResilienceConfig;
  /** Price cache and idempotency store (`src/config/cacheConfig.ts`). */
  readonly cache: CacheConfig;
  /** Load shedding (503 OVERLOADED) and rate limits (429 RATE_LIMITED) (`src/config/admissionConfig.ts`). */
  readonly admission: AdmissionConfig;
  /** Shape, cost, argument and response limits per client (`src/config/limitsConfig.ts`). */
  readonly limits: LimitsConfig;
  /** Per client: documents named by id only (`required`), or query text too (`allowed`) (`src/config/trustedDocumentsConfig.ts`). */
  readonly trustedDocuments: Readonly<Record<ClientName, TrustedDocumentsPolicy>>;
  /** The identity token remote subgraphs receive (`src/config/identityConfig.ts`). */
  readonly identity: IdentityConfig;
  /** Schema publishing: data directory, admin and team tokens (`src/config/publishingConfig.ts`). */
  readonly publishing: PublishingConfig;
  /**
   * Plain federation mode (`SUPERGRAPH_FILE` set, `src/config/plainConfig.ts`): one supergraph
   * composed elsewhere at `/graphql`, every subgraph remote, no client apps and no demo fleet.
   * Undefined: the default mode (the client apps over their composed supergraphs).
   */
  readonly plain: PlainConfig | undefined;
  /** Live subscriptions' limits: WebSocket and SSE connections, subscriptions per connection and user, slow subscribers (`src/config/subscriptionsConfig.ts`). */
  readonly subscriptions: SubscriptionsConfig;
  /** Live events: the broker the services publish to (`src/config/eventsConfig.ts`). */
  readonly events: EventsConfig;
}

const port = z.coerce.number().int().min(0).max(65535);
const positiveMs = z.coerce.number().int().positive();
const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  BODY_LIMIT_BYTES: positiveMs.default(102_400),
  BODY_TIMEOUT_MS: positiveMs.max(300_000).default(10_000),
  SHUTDOWN_GRACE_MS: positiveMs.default(10_000),
  INTROSPECTION: flag.optional(),
  PLAYGROUND: flag.optional(),
  DEADLINE_MS: positiveMs.max(5_000).optional(),
  ...deadlineEnvShape,
  JWT_ISSUER: z.string().min(1).default('ride-bff'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_JWKS_URL: z.url().optional(),
  JWT_ALGORITHM: z.enum(['HS256', 'HS384', 'HS512', 'RS256', 'ES256', 'EdDSA']).optional(),
  JWT_CLOCK_TOLERANCE_SEC: z.coerce.number().int().min(0).max(300).default(30),
  REGISTRY_URL: z.url().optional(),
  REGISTRY_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  REGISTRY_TTL_MS: positiveMs.default(15_000),
  REGISTRY_HEARTBEAT_MS: positiveMs.default(5_000),
  DEMO_FLEET: flag.optional(),
  DEMO_CONTROL_PORT: port.default(4100),
  DEMO_CONTROL_URL: z.url().optional(),
  FLEET_INSTANCES: z
    .string()
    .regex(/^[a-z-]+=\d+(,[a-z-]+=\d+)*$/, 'must look like drivers=3,pricing=2')
    .optional(),
  ...plainEnvShape,
});

/** A configuration value that is missing or malformed; names the variable and the value. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the configuration from environment variables (the only place that does), validates it and
 * freezes it. Throws {@link ConfigError} naming each bad variable and its value.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const partialFailure = z.object({ ...resilienceEnvShape, ...cacheEnvShape, ...limitsEnvShape, ...admissionEnvShape, ...identityEnvShape, ...publishingEnvShape, ...trustedDocumentsEnvShape, ...subscriptionsEnvShape, ...eventsEnvShape }).superRefine(checkAdmissionEnv).safeParse(env);
  if (!parsed.success || !partialFailure.success) {
    const issues = [...(parsed.error?.issues ?? []), ...(partialFailure.error?.issues ?? [])];
    const problems = issues.map((issue) => {
      const name = String(issue.path[0]);
      return configProblem(name, env[name], issue.message);
    });
    throw new ConfigError(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  }
  const discovery = parseDiscoveryEnv(env);
  if (!discovery.ok) throw new ConfigError(`Invalid configuration:\n- ${discovery.problems.join('\n- ')}`);
  const e = parsed.data;
  const mode = e.NODE_ENV === 'production' ? 'production' : 'demo';
  const plain = buildPlainConfig(e);
  if (plain && e.DEMO_FLEET === true) {
    throw new ConfigError(
      `Invalid configuration:\n- ${configProblem('DEMO_FLEET', env.DEMO_FLEET, 'plain federation mode (SUPERGRAPH_FILE) runs no demo fleet: its subgraphs are all remote; unset DEMO_FLEET')}`,
    );
  }
  if (mode === 'production') {
    const missing: string[] = [];
    if (!e.JWT_SECRET && !e.JWT_JWKS_URL) missing.push('JWT_SECRET or JWT_JWKS_URL');
    if (!e.REGISTRY_TOKEN) missing.push('REGISTRY_TOKEN');
    if (!env.IDENTITY_SIGNING_KEY_FILE) missing.push('IDENTITY_SIGNING_KEY_FILE (the key remote subgraphs\' identity tokens are signed with)');
    if (missing.length > 0) {
      throw new ConfigError(`Production mode (NODE_ENV=production) needs ${missing.join(' and ')}; there are no defaults.`);
    }
  }
  const secret = e.JWT_SECRET ?? (e.JWT_JWKS_URL ? undefined : demoSecrets.jwtSecret);
  let publishing: PublishingConfig;
  try {
    publishing = buildPublishingConfig(partialFailure.data, mode === 'demo');
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n- ${(error as Error).message}`);
  }
  const config: Config = {
    mode,
    host: e.HOST,
    port: e.PORT,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    bodyTimeoutMs: e.BODY_TIMEOUT_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    // The playground's docs and autocomplete need introspection: it follows the playground unless set.
    introspection: e.INTROSPECTION ?? e.PLAYGROUND ?? mode === 'demo',
    playground: e.PLAYGROUND ?? mode === 'demo',
    deadlineMs: buildDeadlines(e),
    auth: {
      issuer: e.JWT_ISSUER,
      secret,
      jwksUrl: e.JWT_JWKS_URL,
      algorithm: e.JWT_ALGORITHM ?? (secret ? 'HS256' : 'RS256'),
      clockToleranceSec: e.JWT_CLOCK_TOLERANCE_SEC,
    },
    registry: {
      url: e.REGISTRY_URL,
      token: e.REGISTRY_TOKEN ?? demoSecrets.registryToken,
      ttlMs: e.REGISTRY_TTL_MS,
      heartbeatIntervalMs: e.REGISTRY_HEARTBEAT_MS,
    },
    discovery: discovery.config,
    demo: {
      fleet: e.DEMO_FLEET ?? (mode === 'demo' && !plain),
      controlPort: e.DEMO_CONTROL_PORT,
      controlPortSet: env.DEMO_CONTROL_PORT !== undefined,
      instances: e.FLEET_INSTANCES,
      controlUrl: e.DEMO_CONTROL_URL,
    },
    resilience: buildResilienceConfig(partialFailure.data),
    cache: buildCacheConfig(partialFailure.data),
    admission: buildAdmissionConfig(partialFailure.data),
    limits: buildLimitsConfig(partialFailure.data),
    trustedDocuments: buildTrustedDocumentsConfig(partialFailure.data, mode),
    identity: buildIdentityConfig(partialFailure.data, mode === 'demo' ? demoSecrets.identitySecret : undefined),
    publishing,
    plain,
    subscriptions: buildSubscriptionsConfig(partialFailure.data),
    events: buildEventsConfig(partialFailure.data),
  };
  return deepFreeze(config);
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (child && typeof child === 'object') deepFreeze(child);
  return Object.freeze(value);
}

