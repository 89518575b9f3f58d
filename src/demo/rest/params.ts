import { isLatLng } from '../seed/geo.ts';
import type { LatLng } from '../seed/types.ts';
import { badRequest } from './HttpError.ts';

/** Most ids one batch call may carry. */
export const MAX_BATCH_IDS = 1_000;

/**
 * A required comma-separated id list (`ids=a,b`), trimmed and de-duplicated in order.
 * @throws HttpError 400 when missing, empty or longer than `MAX_BATCH_IDS`.
 */
export function idList(query: URLSearchParams, name: string): string[] {
  const raw = query.get(name);
  if (raw === null) throw badRequest(`query parameter ${name} is required (comma-separated ids)`);
  const ids = [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
  if (ids.length === 0) throw badRequest(`query parameter ${name} must list at least one id`);
  if (ids.length > MAX_BATCH_IDS) throw badRequest(`query parameter ${name} lists ${ids.length} ids; at most ${MAX_BATCH_IDS}`);
  return ids;
}

/**
 * An optional integer in [min, max], `fallback` when absent.
 * @throws HttpError 400 when present but not such an integer.
 */
export function intParam(query: URLSearchParams, name: string, min: number, max: number, fallback: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw badRequest(`query parameter ${name} must be an integer ${min}..${max}; got ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * A required number in [min, max].
 * @throws HttpError 400 when missing or out of range.
 */
export function numberParam(query: URLSearchParams, name: string, min: number, max: number): number {
  const raw = query.get(name);
  const value = Number(raw);
  if (raw === null || raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw badRequest(`query parameter ${name} must be a number ${min}..${max}; got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** The body as a JSON object. @throws HttpError 400 otherwise. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('body must be a JSON object');
  return body as Record<string, unknown>;
}

/** A required non-empty string field. @throws HttpError 400 otherwise. */
export function stringField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`${name} must be a non-empty string`);
  return value;
}

/** A required `{lat, lng}` field. @throws HttpError 400 otherwise. */
export function latLngField(body: Record<string, unknown>, name: string): LatLng {
  const value = body[name];
  if (!isLatLng(value)) throw badRequest(`${name} must be {"lat": -90..90, "lng": -180..180}`);
  return { lat: value.lat, lng: value.lng };
}
