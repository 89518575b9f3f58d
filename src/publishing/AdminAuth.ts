import { createHash, timingSafeEqual } from 'node:crypto';
import type { PublishingConfig } from '../config/index.ts';
import type { Principal } from './types.ts';

/**
 * Who a bearer token on the admin API is: the admin, a team (scoped to its subgraphs and
 * locations), or nobody. Tokens are compared by their sha256 in constant time; only hashes are
 * configured, so the configuration never holds a usable token. A client app's JWT is nobody here.
 */
export class AdminAuth {
  readonly #admin: Buffer | undefined;
  readonly #teams: readonly { readonly hash: Buffer; readonly principal: Principal }[];

  constructor(config: Pick<PublishingConfig, 'adminTokenSha256' | 'teams'>) {
    this.#admin = config.adminTokenSha256 ? Buffer.from(config.adminTokenSha256, 'hex') : undefined;
    this.#teams = config.teams.map((team) => ({
      hash: Buffer.from(team.tokenSha256, 'hex'),
      principal: { kind: 'team', team: team.team, subgraphs: new Set(team.subgraphs), hosts: new Set(team.hosts), services: new Set(team.services) },
    }));
  }

  /** Whether any credential is configured (no admin API otherwise). */
  get enabled(): boolean {
    return this.#admin !== undefined || this.#teams.length > 0;
  }

  /** The principal an `Authorization: Bearer <token>` header names; undefined for none, a malformed one or an unknown token. */
  principalOf(authorization: string | undefined): Principal | undefined {
    const token = /^Bearer ([\x21-\x7e]{1,512})$/.exec(authorization ?? '')?.[1];
    if (!token) return undefined;
    const hash = createHash('sha256').update(token).digest();
    let found: Principal | undefined;
    // Every candidate is compared, so the time does not say which one matched.
    if (this.#admin && timingSafeEqual(hash, this.#admin)) found = { kind: 'admin' };
    for (const team of this.#teams) if (timingSafeEqual(hash, team.hash) && !found) found = team.principal;
    return found;
  }
}
