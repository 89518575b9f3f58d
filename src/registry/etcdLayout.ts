import type { ServiceInstance } from './types.ts';
import { readInstance } from './readInstance.ts';

/** Where registrations live in etcd unless told otherwise. */
export const DEFAULT_ETCD_PREFIX = '/ride/services/';
/** Lease TTL of a registration in etcd, seconds, unless told otherwise (keep-alive every TTL/3). */
export const DEFAULT_ETCD_LEASE_TTL_S = 10;

/** An etcd registry location: endpoints, key prefix and lease TTL. */
export interface EtcdLocation {
  /** `http://host:port` each. */
  readonly endpoints: readonly string[];
  /** Ends with `/`. */
  readonly prefix: string;
  /** Seconds. */
  readonly leaseTtlSec: number;
}

/**
 * Formats an etcd registry location as a registry URL services can be given like an HTTP one:
 * `etcd://host:port[,host:port...]<prefix>?ttl=<seconds>`.
 */
export function formatEtcdUrl(location: EtcdLocation): string {
  const hosts = location.endpoints.map((endpoint) => endpoint.replace(/^https?:\/\//, '')).join(',');
  return `etcd://${hosts}${location.prefix}?ttl=${location.leaseTtlSec}`;
}

/** Whether `url` names an etcd registry (`etcd://...`). */
export function isEtcdUrl(url: string): boolean {
  return /^etcd:\/\//i.test(url.trim());
}

/**
 * Parses `etcd://host:port[,host:port...][/prefix/][?ttl=<seconds>]` (prefix default
 * `/ride/services/`, TTL default 10 s). Throws `TypeError` naming the URL when malformed.
 */
export function parseEtcdUrl(url: string): EtcdLocation {
  const match = /^etcd:\/\/([^/?#]+)(\/[^?#]*)?(?:\?([^#]*))?$/i.exec(url.trim());
  const fail = (why: string): never => {
    throw new TypeError(`Malformed etcd registry URL ${JSON.stringify(url)}: ${why} (expected etcd://host:port[,host:port][/prefix/][?ttl=10]).`);
  };
  if (match === null) return fail('not an etcd:// URL');
  const endpoints = (match[1] ?? '').split(',').map((host) => host.trim());
  for (const host of endpoints) if (!/^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):\d{1,5}$/.test(host)) fail(`bad host:port ${JSON.stringify(host)}`);
  let prefix = match[2] ?? DEFAULT_ETCD_PREFIX;
  if (prefix === '/') prefix = DEFAULT_ETCD_PREFIX;
  if (!prefix.endsWith('/')) prefix = `${prefix}/`;
  const ttlText = new URLSearchParams(match[3] ?? '').get('ttl');
  const leaseTtlSec = ttlText === null ? DEFAULT_ETCD_LEASE_TTL_S : Number(ttlText);
  if (!Number.isInteger(leaseTtlSec) || leaseTtlSec < 1) fail(`ttl must be a whole number of seconds >= 1, got ${JSON.stringify(ttlText)}`);
  return { endpoints: endpoints.map((host) => `http://${host}`), prefix, leaseTtlSec };
}

/** The key of one registration: `<prefix><service>/<id>`. */
export function instanceKey(prefix: string, service: string, id: string): string {
  return `${prefix}${service}/${id}`;
}

/** The value stored under an instance's key: the instance as JSON. */
export function encodeInstance(instance: ServiceInstance): string {
  return JSON.stringify(instance);
}

/**
 * The instance stored under `key` (whose service and id win over the value's), or `undefined` when
 * the key is not `<prefix><service>/<id>` or the value is not a valid instance.
 */
export function decodeInstance(prefix: string, key: string, value: string): ServiceInstance | undefined {
  const parsed = parseKey(prefix, key);
  if (parsed === undefined) return undefined;
  try {
    return readInstance(parsed.service, parsed.id, JSON.parse(value) as unknown);
  } catch {
    return undefined;
  }
}

/** `{service, id}` of `<prefix><service>/<id>`; `undefined` for other keys. */
export function parseKey(prefix: string, key: string): { service: string; id: string } | undefined {
  if (!key.startsWith(prefix)) return undefined;
  const rest = key.slice(prefix.length);
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1 || rest.indexOf('/', slash + 1) !== -1) return undefined;
  return { service: rest.slice(0, slash), id: rest.slice(slash + 1) };
}
