import { GatewayError } from '../errors/index.ts';
import type { TokenDenial } from './tokenRule.ts';

/**
 * The error a refused field answers with (the field itself is null): `UNAUTHENTICATED` for an
 * anonymous caller, `FORBIDDEN` for a signed-in one; the message names the field only, never whose
 * data it is.
 */
export function authzDenied(coordinate: string, denial: TokenDenial, detail?: string): GatewayError {
  return denial === 'UNAUTHENTICATED'
    ? new GatewayError('UNAUTHENTICATED', `Sign in to see ${coordinate}.`)
    : new GatewayError('FORBIDDEN', `${coordinate} is not visible to you${detail ? `: ${detail}` : ''}.`);
}
