import { gunzipSync, gzipSync } from 'node:zlib';
import type { SubgraphVersion } from '../types.ts';
import { parseStoredVersion } from './parseStoredVersion.ts';
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

/** A stored JSON value larger than this (bytes) is gzipped; smaller ones stay readable with `etcdctl get`. */
export const GZIP_ABOVE_BYTES = 64 * 1024;

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
  const json = Buffer.from(JSON.stringify(version), 'utf8');
  return json.length > GZIP_ABOVE_BYTES ? gzipSync(json) : json;
}

/** Reads a stored version back (gzip recognised by its magic bytes: JSON never starts with 0x1f). */
export function decodeVersionValue(key: string, value: Buffer, expected: { subgraph: string; version: number }): SubgraphVersion {
  let text: string;
  try {
    text = (value[0] === 0x1f && value[1] === 0x8b ? gunzipSync(value) : value).toString('utf8');
  } catch (error) {
    throw new StoreDamaged(key, `not gzip (${(error as Error).message})`);
  }
  return parseStoredVersion(text, key, expected);
}
