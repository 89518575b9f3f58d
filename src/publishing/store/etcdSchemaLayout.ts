import type { SubgraphVersion } from '../types.ts';
import { parseStoredVersion } from './parseStoredVersion.ts';
import { decodeJsonText, encodeJsonValue, GZIP_ABOVE_BYTES } from './gzipJson.ts';
import { StoreDamaged } from './storeErrors.ts';
import { isSubgraphName } from './subgraphName.ts';

/**
 * Where published schemas live in etcd, under a prefix ending with `/` (default `/ride/schemas/`):
 *
 * - `<prefix>live/<subgraph>` → the live version number, as decimal text;
 * - `<prefix>versions/<subgraph>/<0000000001>` → that version (immutable), as JSON, gzipped when
 *   larger than {@link GZIP_ABOVE_BYTES}.
 *
 * Live pointers share one prefix so the live set is one small range read; a watch on `<prefix>`
 * sees a publish's two keys in one event batch (one transaction, one revision).
 */
export const DEFAULT_SCHEMA_PREFIX = '/ride/schemas/';

export { GZIP_ABOVE_BYTES };

/** The key of `subgraph`'s live version number. */
export function liveKey(prefix: string, subgraph: string): string {
  return `${livePrefix(prefix)}${subgraph}`;
}

/** The prefix of every live pointer. */
export function livePrefix(prefix: string): string {
  return `${prefix}live/`;
}

/** The key of one version. */
export function versionKey(prefix: string, subgraph: string, version: number): string {
  return `${versionsPrefix(prefix, subgraph)}${String(version).padStart(10, '0')}`;
}

/** The prefix of one subgraph's versions (zero-padded, so key order is version order). */
export function versionsPrefix(prefix: string, subgraph: string): string {
  return `${prefix}versions/${subgraph}/`;
}

/** The subgraph a live pointer key names, or `undefined` for any other key. */
export function parseLiveKey(prefix: string, key: string): string | undefined {
  const start = livePrefix(prefix);
  if (!key.startsWith(start)) return undefined;
  const subgraph = key.slice(start.length);
  return isSubgraphName(subgraph) ? subgraph : undefined;
}

/** The version number a live pointer holds; throws `StoreDamaged` for anything but a whole number >= 1. */
export function parseLiveValue(key: string, value: string): number {
  if (!/^[1-9]\d{0,15}$/.test(value)) throw new StoreDamaged(key, `the live pointer holds ${JSON.stringify(value.slice(0, 40))}, not a version number`);
  return Number(value);
}

/** A version as stored: JSON, gzipped above {@link GZIP_ABOVE_BYTES}. */
export function encodeVersionValue(version: SubgraphVersion): Buffer {
  return encodeJsonValue(version);
}

/** Reads a stored version back (gzip recognised by its magic bytes: JSON never starts with 0x1f). */
export function decodeVersionValue(key: string, value: Buffer, expected: { subgraph: string; version: number }): SubgraphVersion {
  return parseStoredVersion(decodeJsonText(key, value), key, expected);
}
