import { ViewerVerifier } from '../../../src/auth/index.ts';
import { isClientName, loadConfig } from '../../../src/config/index.ts';
import { IdentityTokens } from './IdentityTokens.ts';

/** How a bench gateway (B, C) vouches for the viewer to the remote subgraphs that want an identity token. */
export interface SubgraphIdentity {
  /** The subgraphs (lower case) that get `x-identity-token` instead of the client's `Authorization`. */
  readonly subgraphs: ReadonlySet<string>;
  /**
   * The token for a request carrying `authorization`, to `subgraph`: cached per session; on a miss
   * the client's token is verified first, as the gateway under test does. Undefined for an
   * anonymous caller; rejects when the client's token does not verify.
   */
  token(authorization: string | undefined, subgraph: string): Promise<string | undefined>;
}

/**
 * The identity set-up of a bench gateway from its environment: IDENTITY_SUBGRAPHS (comma list;
 * absent or empty: none, and undefined is returned), IDENTITY_SECRET, CLIENT (whose tokens it
 * verifies) and the gateway's own auth variables (JWT_SECRET, ...).
 */
export function subgraphIdentityFromEnv(env: NodeJS.ProcessEnv = process.env): SubgraphIdentity | undefined {
  const subgraphs = new Set((env.IDENTITY_SUBGRAPHS ?? '').split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== ''));
  if (subgraphs.size === 0) return undefined;
  const client = env.CLIENT ?? '';
  if (!isClientName(client)) throw new Error(`IDENTITY_SUBGRAPHS needs CLIENT to name a client; got ${JSON.stringify(client)}`);
  const secret = env.IDENTITY_SECRET;
  if (!secret) throw new Error('IDENTITY_SUBGRAPHS needs IDENTITY_SECRET');
  const verifier = new ViewerVerifier(loadConfig(env).auth);
  const tokens = new IdentityTokens({ secret });
  return {
    subgraphs,
    token: (authorization, subgraph) => tokens.token(authorization ?? '', subgraph.toLowerCase(), () => verifier.verify(authorization, client)),
  };
}
