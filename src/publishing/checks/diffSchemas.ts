import { buildSubgraphSchema } from '@apollo/subgraph';
import { diff, type Change } from '@graphql-inspector/core';
import { buildSchema, Kind, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { SchemaChange } from '../types.ts';

/** A change as the report states it. */
function toSchemaChange(change: Change): SchemaChange {
  return {
    criticality: change.criticality.level,
    message: change.message,
    ...(change.path === undefined ? {} : { path: change.path }),
  };
}

/**
 * The diff of a subgraph's SDL against its live version (absent: a new subgraph, every element
 * added; `proposedSchema`: the proposed one already built), directive uses included (a changed `@owner` shows as a change of `Type.field`).
 * Both are built as subgraph schemas (federation directives known); throws what
 * `buildSubgraphSchema` throws for an SDL that is not a valid subgraph.
 */
export async function diffSubgraphSdl(live: DocumentNode | undefined, proposed: DocumentNode, proposedSchema: GraphQLSchema = buildSubgraphSchema(proposed)): Promise<SchemaChange[]> {
  const before = live ? buildSubgraphSchema(live) : null;
  const declared = new Set([...directivesDefinedIn(live), ...directivesDefinedIn(proposed)]);
  const changes = await diff(before, proposedSchema);
  return changes.filter((change) => !isFederationMachinery(change, declared)).map(toSchemaChange);
}

/** The directives an SDL defines itself (`directive @fallback ...`), as opposed to those federation adds. */
function directivesDefinedIn(document: DocumentNode | undefined): string[] {
  return (document?.definitions ?? []).flatMap((definition) => (definition.kind === Kind.DIRECTIVE_DEFINITION ? [definition.name.value] : []));
}

/**
 * Whether a change is about what `buildSubgraphSchema` adds rather than what the SDL says: the
 * definitions of federation's directives (`@key`, `@link`, ... a new subgraph "adds" them all,
 * a federation version bump changes them), its types (`_Service`, `link__Import`,
 * `federation__FieldSet`) and `Query._entities`/`_service`.
 */
function isFederationMachinery(change: Change, declared: ReadonlySet<string>): boolean {
  const type: string = change.type;
  if (type.startsWith('DIRECTIVE_') && !type.startsWith('DIRECTIVE_USAGE_')) {
    const meta = change.meta as { directiveName?: string; addedDirectiveName?: string; removedDirectiveName?: string };
    const name = meta.directiveName ?? meta.addedDirectiveName ?? meta.removedDirectiveName;
    return name !== undefined && !declared.has(name);
  }
  const [typeName = '', member = ''] = (change.path ?? '').split('.');
  return typeName.startsWith('_') || typeName.includes('__') || member.startsWith('_');
}

/** The diff of a client's API schema (what its apps can query) before and after a change; absent before: the client did not exist. */
export async function diffApiSchemas(live: GraphQLSchema | undefined, proposed: GraphQLSchema): Promise<SchemaChange[]> {
  return (await diff(live ?? null, proposed)).map(toSchemaChange);
}

/** A client's API schema from its printed SDL (`ClientSupergraph.apiSchemaSdl`). */
export function apiSchemaOf(apiSchemaSdl: string): GraphQLSchema {
  return buildSchema(apiSchemaSdl);
}
