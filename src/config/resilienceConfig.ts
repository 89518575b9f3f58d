import { z } from 'zod';
import { serviceCatalog, serviceNames, type ServiceName } from './serviceCatalog.ts';
import { servicePolicySettings, type ServicePolicyConfig } from './servicePolicySettings.ts';

/** Every upstream service the gateway calls, in the order of `schemas/services.json`. */
export const upstreamServiceNames: readonly ServiceName[] = serviceNames;

/** One of {@link upstreamServiceNames}. */
export type UpstreamServiceName = ServiceName;

export type { ServicePolicyConfig };

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
  /** The policy of a service outside the catalog (a remote subgraph at a URL, plain mode's subgraphs): the common variables, else the defaults. */
  readonly defaults: ServicePolicyConfig;
}

const settings = servicePolicySettings;

/** Each service's catalog entry, by name. */
const entries = new Map(serviceCatalog.map((entry) => [entry.name, entry]));

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
 * variable, else the common one, else the service's catalog default (`schemas/services.json`), else
 * the common default.
 */
export function buildResilienceConfig(parsed: Record<string, unknown>): ResilienceConfig {
  const services = Object.fromEntries(
    upstreamServiceNames.map((service) => {
      const policy = Object.fromEntries(
        settingKeys.map((key) => {
          const { env, fallback } = settings[key];
          const value = parsed[`${env}_${service.toUpperCase()}`] ?? parsed[env] ?? entries.get(service)?.policy[key] ?? fallback;
          return [key, value as number];
        }),
      ) as unknown as ServicePolicyConfig;
      // A service whose reads are not idempotent is never retried, whatever RETRY_MAX_ATTEMPTS says.
      const maxAttempts = entries.get(service)?.idempotentReads === false ? 1 : policy.maxAttempts;
      return [service, { ...policy, maxAttempts, breakerMaxOpenMs: Math.max(policy.breakerMaxOpenMs, policy.breakerOpenMs) }];
    }),
  ) as Record<UpstreamServiceName, ServicePolicyConfig>;
  const defaults = Object.fromEntries(settingKeys.map((key) => [key, (parsed[settings[key].env] ?? settings[key].fallback) as number])) as unknown as ServicePolicyConfig;
  return {
    defaults: { ...defaults, breakerMaxOpenMs: Math.max(defaults.breakerMaxOpenMs, defaults.breakerOpenMs) },
    deadline: { marginMs: Number(parsed.DEADLINE_MARGIN_MS ?? 50), minAttemptMs: Number(parsed.MIN_ATTEMPT_MS ?? 100) },
    services,
  };
}
