import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** One team's publishing credential: a token (kept as its sha256) scoped to its subgraphs and locations. */
export interface TeamToken {
  readonly team: string;
  /** sha256 of the token, hex: the token itself is never stored. */
  readonly tokenSha256: string;
  /** The subgraphs it may publish and roll back. */
  readonly subgraphs: readonly string[];
  /** Hosts (`host` or `host:port`) its URL locations may name. */
  readonly hosts: readonly string[];
  /** Registry service names its locations may name. */
  readonly services: readonly string[];
}

/** Schema publishing: where versions are kept, who may publish, and the SDL bound. */
export interface PublishingConfig {
  /** Published versions (file store) and this replica's local snapshot (default `.data`). */
  readonly dataDir: string;
  /** sha256 of the admin token, hex; undefined: no admin token (production without `ADMIN_TOKEN_SHA256`). */
  readonly adminTokenSha256: string | undefined;
  readonly teams: readonly TeamToken[];
  /** Largest SDL accepted, bytes (default 1 MB). */
  readonly maxSdlBytes: number;
  /** With `ETCD_ENDPOINTS`: the key prefix published versions live under (default `/ride/schemas/`). */
  readonly etcdSchemaPrefix: string;
  /** How often app versions' last uses, counted in memory, are written to the store, ms (default 60 000). */
  readonly appUseFlushMs: number;
}

/** The demo's credentials, printed in the README: never used outside demo mode. */
export const demoPublishingTokens = { admin: 'demo-admin-token-change-me', marketing: 'demo-marketing-team-token-change-me' } as const;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256, 64 lower-case hex digits');
const teamsSchema = z.array(
  z.strictObject({
    team: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'a team name is lower case letters, digits and dashes'),
    tokenSha256: sha256Hex,
    subgraphs: z.array(z.string().min(1)).min(1),
    hosts: z.array(z.string().min(1)).default([]),
    services: z.array(z.string().min(1)).default([]),
  }),
);

/** The zod shape of every publishing variable. */
export const publishingEnvShape: Readonly<Record<string, z.ZodType>> = {
  DATA_DIR: z.string().min(1).optional(),
  ADMIN_TOKEN_SHA256: sha256Hex.optional(),
  TEAM_TOKENS: z.string().min(2).optional(),
  TEAM_TOKENS_FILE: z.string().min(1).optional(),
  MAX_SDL_BYTES: z.coerce.number().int().min(1_024).max(10 * 1024 * 1024).optional(),
  APP_USE_FLUSH_MS: z.coerce.number().int().min(100).max(3_600_000).optional(),
  ETCD_SCHEMA_PREFIX: z.string().regex(/^\/[\w./-]*\/$/, 'must start and end with /').optional(),
};

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Builds the publishing slice. `TEAM_TOKENS` (JSON) or `TEAM_TOKENS_FILE` (a JSON file) list
 * `[{team, tokenSha256, subgraphs, hosts, services}]`. Demo mode without them: the demo admin
 * token and a `marketing` team token for `promotions`. Throws naming the variable when malformed.
 */
export function buildPublishingConfig(parsed: Record<string, unknown>, demo: boolean): PublishingConfig {
  const file = parsed.TEAM_TOKENS_FILE as string | undefined;
  let teamsText = parsed.TEAM_TOKENS as string | undefined;
  let source = 'TEAM_TOKENS';
  if (file) {
    source = `TEAM_TOKENS_FILE (${file})`;
    try {
      teamsText = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`${source}: cannot read it (${(error as Error).message})`);
    }
  }
  let teams: TeamToken[] = [];
  if (teamsText !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(teamsText);
    } catch {
      throw new Error(`${source}: not JSON`);
    }
    const checked = teamsSchema.safeParse(json);
    if (!checked.success) throw new Error(`${source}: ${checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    teams = checked.data;
  } else if (demo) {
    teams = [{ team: 'marketing', tokenSha256: hash(demoPublishingTokens.marketing), subgraphs: ['promotions'], hosts: ['127.0.0.1', 'localhost'], services: ['promotions'] }];
  }
  return {
    dataDir: (parsed.DATA_DIR as string | undefined) ?? '.data',
    adminTokenSha256: (parsed.ADMIN_TOKEN_SHA256 as string | undefined) ?? (demo ? hash(demoPublishingTokens.admin) : undefined),
    teams,
    maxSdlBytes: (parsed.MAX_SDL_BYTES as number | undefined) ?? 1024 * 1024,
    etcdSchemaPrefix: (parsed.ETCD_SCHEMA_PREFIX as string | undefined) ?? '/ride/schemas/',
    appUseFlushMs: (parsed.APP_USE_FLUSH_MS as number | undefined) ?? 60_000,
  };
}
