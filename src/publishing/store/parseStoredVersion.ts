import { z } from 'zod';
import type { SubgraphVersion } from '../types.ts';
import { sdlHash } from './sdlHash.ts';
import { StoreDamaged } from './storeErrors.ts';
import { SUBGRAPH_NAME_PATTERN } from './subgraphName.ts';

const changeSchema = z.looseObject({
  criticality: z.enum(['BREAKING', 'DANGEROUS', 'NON_BREAKING']),
  message: z.string(),
  path: z.string().optional(),
});

// Loose objects: a field a later release adds to the summary reads back through an older one.
const summarySchema = z.looseObject({
  ok: z.boolean(),
  subgraph: z.string(),
  errors: z.array(z.string()),
  composition: z.array(
    z.looseObject({
      client: z.string(),
      message: z.string(),
      subgraph: z.string().optional(),
      locations: z.array(z.looseObject({ line: z.number(), column: z.number() })).optional(),
    }),
  ),
  changes: z.array(changeSchema),
  clientChanges: z.record(z.string(), z.array(changeSchema)),
  brokenOperations: z.array(z.looseObject({ client: z.string(), operation: z.string(), field: z.string(), message: z.string() })),
  warnings: z.array(z.string()),
});

const versionSchema = z.looseObject({
  subgraph: z.string().regex(SUBGRAPH_NAME_PATTERN),
  version: z.number().int().min(1),
  sdl: z.string(),
  sdlHash: z.string().regex(/^[0-9a-f]{64}$/),
  location: z.union([z.strictObject({ url: z.string() }), z.strictObject({ service: z.string(), path: z.string() })]),
  clients: z.array(z.string()),
  publishedBy: z.string(),
  publishedAt: z.string(),
  summary: summarySchema,
  rollbackOf: z.number().int().min(1).optional(),
});

/** Which version a stored value must be (its file name or key says). */
export interface VersionPlace {
  readonly subgraph: string;
  readonly version: number;
}

/**
 * Reads one stored version back: JSON of the shape of a {@link SubgraphVersion}, whose SDL has the
 * recorded hash, and which is the version `expected` names (its place in the store). Client names
 * are not checked against today's catalog: a version stays readable after a client is retired.
 * Throws {@link StoreDamaged} naming `where` otherwise.
 */
export function parseStoredVersion(text: string, where: string, expected: VersionPlace): SubgraphVersion {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StoreDamaged(where, `not JSON (${(error as Error).message})`);
  }
  return toStoredVersion(json, where, expected);
}

/** {@link parseStoredVersion} of an already parsed value; without `expected`, any version. */
export function toStoredVersion(json: unknown, where: string, expected?: VersionPlace): SubgraphVersion {
  const parsed = versionSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoreDamaged(where, `not a subgraph version (${issue === undefined ? 'invalid' : `${issue.path.join('.') || 'value'}: ${issue.message}`})`);
  }
  const version = parsed.data;
  if (expected !== undefined && (version.subgraph !== expected.subgraph || version.version !== expected.version)) {
    throw new StoreDamaged(where, `holds ${version.subgraph} version ${version.version}, not ${expected.subgraph} version ${expected.version}`);
  }
  if (sdlHash(version.sdl) !== version.sdlHash) throw new StoreDamaged(where, 'the SDL does not have its recorded hash');
  // The schema checked every field the type names; client names are the catalog's strings.
  return version as unknown as SubgraphVersion;
}
