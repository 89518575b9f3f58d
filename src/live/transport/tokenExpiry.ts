import { decodeJwt } from 'jose';

/** setTimeout's longest delay (about 24.8 days). */
export const maxTimerMs = 2_147_483_647;

/** When a (verified) bearer token expires, ms since the epoch; undefined without one or without `exp`. */
export function tokenExpiry(authorization: string | undefined): number | undefined {
  if (!authorization) return undefined;
  try {
    const exp = decodeJwt(authorization.replace(/^Bearer\s+/i, '')).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
