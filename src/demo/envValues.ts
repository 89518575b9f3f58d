import { parseAmqpUrl } from '../events/eventsUrl.ts';
import { DEFAULT_CLOCK_TOLERANCE_SEC, DEFAULT_IDENTITY_ISSUER, type IdentitySettings } from './graphql/Identity.ts';

/** Env values as the two entry points read them (`process.env`'s shape, without importing it). */
export type EnvValues = Readonly<Record<string, string | undefined>>;

/** A bad environment variable: the message names it and the value given. */
export class EnvError extends Error {
  override name = 'EnvError';
}

/** The trimmed value; `undefined` when unset or blank. */
export function optionalEnv(env: EnvValues, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** @throws EnvError when unset or blank. */
export function requiredEnv(env: EnvValues, name: string, hint: string): string {
  const value = optionalEnv(env, name);
  if (value === undefined) throw new EnvError(`${name} is required (${hint})`);
  return value;
}

/** An absolute http(s) URL. @throws EnvError otherwise. */
export function urlEnv(env: EnvValues, name: string): string | undefined {
  const value = optionalEnv(env, name);
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new EnvError(`${name} must be an absolute http(s) URL; got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A TCP port 0..65535 (0: any free port). @throws EnvError otherwise. */
export function portEnv(env: EnvValues, name: string, fallback: number): number {
  const value = optionalEnv(env, name);
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new EnvError(`${name} must be a port 0..65535; got ${JSON.stringify(value)}`);
  return port;
}

/** Stands in for the token with etcd, which has its own access control. */
const ETCD_NO_TOKEN = 'etcd-registry-needs-no-token';

/**
 * The registry settings: none without `REGISTRY_URL` (or `ETCD_ENDPOINTS`). An `http(s)://` URL
 * is the registry HTTP API and needs `REGISTRY_TOKEN`; an `etcd://host:port[,host:port][/prefix/][?ttl=s]`
 * URL registers straight into etcd. Without `REGISTRY_URL`, `ETCD_ENDPOINTS` (with `ETCD_PREFIX`,
 * `ETCD_LEASE_TTL_S`) gives that etcd URL.
 */
export function registryEnv(env: EnvValues): { url: string; token: string } | undefined {
  const raw = optionalEnv(env, 'REGISTRY_URL');
  if (raw !== undefined && /^etcd:\/\//i.test(raw)) return { url: raw, token: optionalEnv(env, 'REGISTRY_TOKEN') ?? ETCD_NO_TOKEN };
  const endpoints = optionalEnv(env, 'ETCD_ENDPOINTS');
  if (raw === undefined && endpoints !== undefined) {
    const hosts = endpoints
      .split(',')
      .map((host) => host.trim().replace(/^https?:\/\//, ''))
      .filter((host) => host !== '')
      .join(',');
    const ttl = optionalEnv(env, 'ETCD_LEASE_TTL_S');
    return { url: `etcd://${hosts}${optionalEnv(env, 'ETCD_PREFIX') ?? ''}${ttl === undefined ? '' : `?ttl=${ttl}`}`, token: ETCD_NO_TOKEN };
  }
  const url = urlEnv(env, 'REGISTRY_URL');
  if (url === undefined) return undefined;
  return { url, token: requiredEnv(env, 'REGISTRY_TOKEN', 'the registration token, needed since REGISTRY_URL is set') };
}

/** The host to advertise: `ADVERTISE_HOST`, else `host` unless it is a wildcard, else loopback. */
export function advertiseHostEnv(env: EnvValues, host: string): string {
  return optionalEnv(env, 'ADVERTISE_HOST') ?? (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host);
}

/** Shortest `IDENTITY_SECRET` accepted (HS256 keys should be at least as long as the hash). */
const MIN_IDENTITY_SECRET_CHARS = 32;

/**
 * How a GraphQL service checks the gateway's identity tokens: `IDENTITY_JWKS_URL` (the gateway's
 * `/.well-known/jwks.json`; EdDSA/RS256) when set, else `IDENTITY_SECRET` (HS256, demo mode), else no
 * key; `IDENTITY_ISSUER` (default `ride-gateway`). In production a key is required.
 * @throws EnvError for a bad URL, a short secret, or no key in production.
 */
export function identityEnv(env: EnvValues, production: boolean): Omit<IdentitySettings, 'audience'> {
  const jwksUrl = urlEnv(env, 'IDENTITY_JWKS_URL');
  const secret = optionalEnv(env, 'IDENTITY_SECRET');
  // The secret's value is never printed, only its length.
  if (jwksUrl === undefined && secret !== undefined && secret.length < MIN_IDENTITY_SECRET_CHARS) {
    throw new EnvError(`IDENTITY_SECRET must be at least ${MIN_IDENTITY_SECRET_CHARS} characters; got ${secret.length}`);
  }
  if (production && jwksUrl === undefined && secret === undefined) {
    throw new EnvError('IDENTITY_JWKS_URL (or IDENTITY_SECRET) is required in production (NODE_ENV=production): the service must verify identity tokens');
  }
  const key = jwksUrl !== undefined ? ({ kind: 'jwks', url: jwksUrl } as const) : secret !== undefined ? ({ kind: 'secret', secret } as const) : undefined;
  return { key, issuer: optionalEnv(env, 'IDENTITY_ISSUER') ?? DEFAULT_IDENTITY_ISSUER, clockToleranceSec: DEFAULT_CLOCK_TOLERANCE_SEC };
}

/**
 * `AMQP_URL`: the broker trips and drivers publish live events to; unset: the local RabbitMQ
 * (`amqp://guest:guest@127.0.0.1:5672`); `off` or blank: no events. @throws EnvError for anything else.
 */
export function amqpUrlEnv(env: EnvValues): string | undefined {
  const parsed = parseAmqpUrl(env['AMQP_URL']);
  if (!parsed.ok) throw new EnvError(`AMQP_URL ${parsed.message}; got ${JSON.stringify(env['AMQP_URL'])}`);
  return parsed.url;
}

/** `DEMO_RIDE_STEP_MS`: one step of a demo ride (ACCEPTED → ARRIVING → IN_PROGRESS → COMPLETED), 50..600 000 ms. @throws EnvError otherwise. */
export function rideStepEnv(env: EnvValues): number | undefined {
  const value = optionalEnv(env, 'DEMO_RIDE_STEP_MS');
  if (value === undefined) return undefined;
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms < 50 || ms > 600_000) throw new EnvError(`DEMO_RIDE_STEP_MS must be a whole number of ms, 50..600000; got ${JSON.stringify(value)}`);
  return ms;
}
