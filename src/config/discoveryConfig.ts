import { readFileSync } from 'node:fs';
import { LB_POLICIES, parseStaticInstances, type LbPolicy, type ServiceInstance } from '../registry/index.ts';
import { configProblem } from './configProblem.ts';

/** How the gateway discovers and balances instances (issue 3). Every time is in milliseconds unless named otherwise. */
export interface DiscoveryConfig {
  /** `ETCD_ENDPOINTS` set: registrations live in etcd, every gateway watches the prefix. */
  readonly etcd:
    | {
        /** `http://host:port` each. */
        readonly endpoints: readonly string[];
        /** Key prefix of registrations (`ETCD_PREFIX`, default `/ride/services/`). */
        readonly prefix: string;
        /** Lease TTL, seconds (`ETCD_LEASE_TTL_S`, default 10); keep-alive every TTL/3. */
        readonly leaseTtlSec: number;
      }
    | undefined;
  /** Third-party registrations (`REGISTRY_STATIC_FILE`, `STATIC_INSTANCES`): merged into the view, never evicted. */
  readonly staticInstances: readonly ServiceInstance[];
  /** The gateway's zone (`GATEWAY_ZONE`): same-zone instances are preferred. */
  readonly zone: string | undefined;
  /** Default policy (`LB_POLICY`, default `p2c`). */
  readonly lbPolicy: LbPolicy;
  /** Per-service policies (`LB_POLICY_<SERVICE>`, service upper-cased, `-` as `_`). */
  readonly lbPolicies: Readonly<Record<string, LbPolicy>>;
  /** Passive outlier detection (`OUTLIER_*`). */
  readonly outlier: {
    readonly consecutiveFailures: number;
    readonly baseEjectionMs: number;
    readonly maxEjectionMs: number;
    readonly maxEjectionPercent: number;
    readonly panicThresholdPercent: number;
  };
}

/** Either the discovery configuration, or every problem found (`NAME="value": reason`). */
export type DiscoveryConfigResult = { ok: true; config: DiscoveryConfig } | { ok: false; problems: string[] };

const LB_POLICY_PREFIX = 'LB_POLICY_';

/**
 * Reads the discovery variables of `env` (and the static instances file it names). Called by
 * `loadConfig` only, which reports the problems with the rest.
 */
export function parseDiscoveryEnv(env: NodeJS.ProcessEnv, readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')): DiscoveryConfigResult {
  const problems: string[] = [];
  const bad = (name: string, reason: string): void => void problems.push(configProblem(name, env[name], reason));
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || value < min || value > max) {
      bad(name, `must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const policy = (name: string): LbPolicy | undefined => {
    const raw = text(name);
    if (raw === undefined) return undefined;
    const value = raw.toLowerCase().replace(/-/g, '_');
    if ((LB_POLICIES as readonly string[]).includes(value)) return value as LbPolicy;
    bad(name, `must be one of ${LB_POLICIES.join(', ')}`);
    return undefined;
  };

  let etcd: DiscoveryConfig['etcd'];
  const endpointsRaw = text('ETCD_ENDPOINTS');
  if (endpointsRaw !== undefined) {
    const endpoints = endpointsRaw.split(',').map((item) => item.trim()).filter((item) => item !== '');
    const normalized = endpoints.map(normalizeEndpoint);
    if (normalized.length === 0 || normalized.some((item) => item === undefined)) {
      bad('ETCD_ENDPOINTS', 'must be a comma-separated list of host:port or http(s)://host:port');
    }
    const prefix = text('ETCD_PREFIX') ?? '/ride/services/';
    if (!prefix.endsWith('/')) bad('ETCD_PREFIX', 'must end with "/"');
    etcd = { endpoints: normalized.filter((item) => item !== undefined), prefix, leaseTtlSec: integer('ETCD_LEASE_TTL_S', 10, 1, 3_600) };
    if (text('REGISTRY_URL') !== undefined) {
      bad('REGISTRY_URL', 'cannot be combined with ETCD_ENDPOINTS (etcd is the registry then)');
    }
  }

  const staticInstances: ServiceInstance[] = [];
  const file = text('REGISTRY_STATIC_FILE');
  if (file !== undefined) {
    try {
      staticInstances.push(...parseStaticInstances(readFile(file)));
    } catch (error) {
      bad('REGISTRY_STATIC_FILE', (error as Error).message);
    }
  }
  const inline = text('STATIC_INSTANCES');
  if (inline !== undefined) {
    try {
      const parsed = parseStaticInstances(inline);
      const known = new Set(staticInstances.map((item) => `${item.service}/${item.id}`));
      const clash = parsed.find((item) => known.has(`${item.service}/${item.id}`));
      if (clash !== undefined) throw new Error(`duplicate instance ${clash.service}/${clash.id} (also in REGISTRY_STATIC_FILE)`);
      staticInstances.push(...parsed);
    } catch (error) {
      bad('STATIC_INSTANCES', (error as Error).message);
    }
  }

  const lbPolicies: Record<string, LbPolicy> = {};
  for (const name of Object.keys(env).sort()) {
    if (!name.startsWith(LB_POLICY_PREFIX)) continue;
    const service = name.slice(LB_POLICY_PREFIX.length).toLowerCase().replace(/_/g, '-');
    if (!/^[a-z][a-z0-9-]{0,62}$/.test(service)) {
      bad(name, 'the suffix must be a service name (letters, digits, "_" for "-")');
      continue;
    }
    const value = policy(name);
    if (value !== undefined) lbPolicies[service] = value;
  }

  const baseEjectionMs = integer('OUTLIER_BASE_EJECTION_MS', 30_000, 1, 3_600_000);
  const outlier = {
    consecutiveFailures: integer('OUTLIER_CONSECUTIVE_FAILURES', 5, 1, 1_000),
    baseEjectionMs,
    maxEjectionMs: integer('OUTLIER_MAX_EJECTION_MS', Math.max(300_000, baseEjectionMs), baseEjectionMs, 86_400_000),
    maxEjectionPercent: integer('OUTLIER_MAX_EJECTION_PERCENT', 34, 0, 100),
    panicThresholdPercent: integer('OUTLIER_PANIC_THRESHOLD_PERCENT', 50, 0, 100),
  };

  const config: DiscoveryConfig = {
    etcd,
    staticInstances,
    zone: text('GATEWAY_ZONE'),
    lbPolicy: policy('LB_POLICY') ?? 'p2c',
    lbPolicies,
    outlier,
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config };
}

/** `host:port` or `http(s)://host:port` as `http(s)://host:port`; `undefined` when malformed. */
function normalizeEndpoint(value: string): string | undefined {
  const withScheme = /^[a-z]+:\/\//i.test(value) ? value : `http://${value}`;
  try {
    const url = new URL(withScheme);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.port === '' || (url.pathname !== '/' && url.pathname !== '')) {
      return undefined;
    }
    return `${url.protocol}//${url.host}`;
  } catch {
    return undefined;
  }
}
