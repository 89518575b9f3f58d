import { z } from 'zod';

/** How the gateway tells remote subgraphs who is asking: a short-lived JWT it signs per subgraph. */
export interface IdentityConfig {
  /** The token's `iss` (default `ride-gateway`). */
  readonly issuer: string;
  /** Lifetime of one token, seconds (default 60, at most 60). */
  readonly ttlSec: number;
  /**
   * A PKCS#8 PEM private key (Ed25519 → EdDSA, RSA → RS256) whose public half the gateway serves at
   * `/.well-known/jwks.json`. Required outside demo mode: no subgraph can forge an identity.
   */
  readonly signingKeyFile: string | undefined;
  /** Demo mode without a key file: an HS256 secret shared with the demo fleet's subgraphs. */
  readonly secret: string | undefined;
}

/** The zod shape of every identity variable. */
export const identityEnvShape: Readonly<Record<string, z.ZodType>> = {
  IDENTITY_ISSUER: z.string().min(1).max(200).optional(),
  IDENTITY_TOKEN_TTL_SEC: z.coerce.number().int().min(5).max(60).optional(),
  IDENTITY_SIGNING_KEY_FILE: z.string().min(1).optional(),
  IDENTITY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
};

/** Builds the identity slice; `demoSecret` is used only in demo mode when no key or secret is set. */
export function buildIdentityConfig(parsed: Record<string, unknown>, demoSecret: string | undefined): IdentityConfig {
  const signingKeyFile = parsed.IDENTITY_SIGNING_KEY_FILE as string | undefined;
  return {
    issuer: (parsed.IDENTITY_ISSUER as string | undefined) ?? 'ride-gateway',
    ttlSec: (parsed.IDENTITY_TOKEN_TTL_SEC as number | undefined) ?? 60,
    signingKeyFile,
    secret: signingKeyFile ? undefined : ((parsed.IDENTITY_SECRET as string | undefined) ?? demoSecret),
  };
}
