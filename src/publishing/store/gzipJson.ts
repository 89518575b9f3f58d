import { gunzipSync, gzipSync } from 'node:zlib';
import { StoreDamaged } from './storeErrors.ts';

/** A stored JSON value larger than this (bytes) is gzipped; smaller ones stay readable with `etcdctl get`. */
export const GZIP_ABOVE_BYTES = 64 * 1024;

/** `value` as stored in etcd: JSON, gzipped above {@link GZIP_ABOVE_BYTES}. */
export function encodeJsonValue(value: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(value), 'utf8');
  return json.length > GZIP_ABOVE_BYTES ? gzipSync(json) : json;
}

/** A stored value's JSON text (gzip recognised by its magic bytes: JSON never starts with 0x1f); `StoreDamaged` naming `key` when it does not inflate. */
export function decodeJsonText(key: string, value: Buffer): string {
  try {
    return (value[0] === 0x1f && value[1] === 0x8b ? gunzipSync(value) : value).toString('utf8');
  } catch (error) {
    throw new StoreDamaged(key, `not gzip (${(error as Error).message})`);
  }
}
