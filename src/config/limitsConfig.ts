import { z } from 'zod';
import { clientNames, type ClientName } from './clientNames.ts';

/** The limits every operation of one client must stay within (refused before planning otherwise). */
export interface OperationLimits {
  /** Lexical tokens of the document (default 1 000). */
  readonly maxTokens: number;
  /** Nesting of fields, fragments flattened, introspection aside (default 8). */
  readonly maxDepth: number;
  /** Aliases in the operation, fragments counted where spread (default 15). */
  readonly maxAliases: number;
  /** Directives in the operation, fragments counted where spread (default 50). */
  readonly maxDirectives: number;
  /** Root fields of the operation (default 10). */
  readonly maxRootFields: number;
  /** Distinct response keys in one selection set (default 50). */
  readonly maxSelectionFields: number;
  /** Nested list fields of an introspection query (`types { fields { args } }` is 3; default 3). */
  readonly maxIntrospectionDepth: number;
  /** Estimated cost (IBM cost model: `@cost`, `@listSize`; default 5 000). */
  readonly maxCost: number;
  /** Bytes of result data an answer may carry, counted as subgraph fetches arrive (default 4 MiB). */
  readonly maxResponseBytes: number;
}

/** The limits slice of the configuration. */
export interface LimitsConfig {
  readonly clients: Readonly<Record<ClientName, OperationLimits>>;
  /** Plain federation mode's `/graphql` (`SUPERGRAPH_FILE`): the common variables (`<NAME>`) over the defaults. */
  readonly plain: OperationLimits;
  /** Longest `ID` argument, characters (default 64). */
  readonly maxIdLength: number;
  /** Entries `extensions.degraded` lists one by one; past it, one field's entries across list items collapse into one with a `count` (default 20). */
  readonly maxDegradedEntries: number;
}

const count = z.coerce.number().int().positive();

/** Each limit: its env name (also `<NAME>_<CLIENT>`), bound and default. */
const limitSettings: Readonly<Record<keyof OperationLimits, { env: string; max: number; fallback: number }>> = {
  maxTokens: { env: 'MAX_TOKENS', max: 100_000, fallback: 1_000 },
  maxDepth: { env: 'MAX_DEPTH', max: 100, fallback: 8 },
  maxAliases: { env: 'MAX_ALIASES', max: 10_000, fallback: 15 },
  maxDirectives: { env: 'MAX_DIRECTIVES', max: 10_000, fallback: 50 },
  maxRootFields: { env: 'MAX_ROOT_FIELDS', max: 1_000, fallback: 10 },
  maxSelectionFields: { env: 'MAX_SELECTION_FIELDS', max: 10_000, fallback: 50 },
  maxIntrospectionDepth: { env: 'MAX_INTROSPECTION_DEPTH', max: 20, fallback: 3 },
  maxCost: { env: 'COST_LIMIT', max: 100_000_000, fallback: 5_000 },
  maxResponseBytes: { env: 'RESPONSE_LIMIT_BYTES', max: 1_073_741_824, fallback: 4_194_304 },
};

const otherSettings = {
  maxIdLength: { env: 'MAX_ID_LENGTH', max: 10_000, fallback: 64 },
  maxDegradedEntries: { env: 'MAX_DEGRADED_ENTRIES', max: 100_000, fallback: 20 },
} as const;

/** The zod shape of every limits variable, per-client overrides included. */
export const limitsEnvShape: Readonly<Record<string, z.ZodType>> = Object.fromEntries([
  ...Object.values(limitSettings).flatMap(({ env, max }) => [
    [env, count.max(max).optional()],
    ...clientNames.map((client) => [`${env}_${client.toUpperCase()}`, count.max(max).optional()]),
  ]),
  ...Object.values(otherSettings).map(({ env, max }) => [env, count.max(max).optional()]),
]);

/** Builds the limits slice from parsed variables: `<NAME>_<CLIENT>` over `<NAME>` over the default. */
export function buildLimitsConfig(parsed: Record<string, unknown>): LimitsConfig {
  const read = (env: string): number | undefined => parsed[env] as number | undefined;
  const forEndpoint = (suffix: string | undefined): OperationLimits =>
    Object.fromEntries(
      Object.entries(limitSettings).map(([key, { env, fallback }]) => [key, (suffix === undefined ? undefined : read(`${env}_${suffix}`)) ?? read(env) ?? fallback]),
    ) as unknown as OperationLimits;
  return {
    clients: Object.fromEntries(clientNames.map((client) => [client, forEndpoint(client.toUpperCase())])) as Record<ClientName, OperationLimits>,
    plain: forEndpoint(undefined),
    maxIdLength: read(otherSettings.maxIdLength.env) ?? otherSettings.maxIdLength.fallback,
    maxDegradedEntries: read(otherSettings.maxDegradedEntries.env) ?? otherSettings.maxDegradedEntries.fallback,
  };
}
