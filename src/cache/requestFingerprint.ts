import { createHash } from 'node:crypto';

/**
 * A write's fingerprint, stored with its `Idempotency-Key`: SHA-256 (base64url) of the root field
 * and its argument values in canonical form (object keys sorted, null and absent alike, numbers as
 * JSON prints them: `1.0`, `1` and `1e0` are one number). Computed from the resolver's coerced
 * arguments, so one request has one fingerprint whether its document came as text with literals,
 * with variables, or by persisted id.
 */
export function requestFingerprint(rootField: string, args: unknown): string {
  return createHash('sha256').update(`v1\u0000${rootField}\u0000${canonicalJson(args)}`).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  switch (typeof value) {
    case 'number':
      // JSON prints NaN and ±Infinity as null; keep them apart (GraphQL's Float has none of them).
      return Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(String(value));
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'object': {
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return canonicalJson(toJSON.call(value));
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== null && record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
    }
    default:
      // Functions and symbols are never argument values.
      return 'null';
  }
}
