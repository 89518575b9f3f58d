import { Kind, type DocumentNode, type TypeNode } from 'graphql';
import { fallbackDirectiveName, fallbackKindEnumName, readFallbackDirective } from './fallbackDirective.ts';

/** Why a subgraph's `@fallback` declarations are rejected, one line per problem. */
export class FallbackDeclarationError extends Error {
  readonly problems: readonly string[];
  constructor(subgraph: string, problems: readonly string[]) {
    super(`Subgraph "${subgraph}" declares fallbacks it cannot have:\n- ${problems.join('\n- ')}`);
    this.name = 'FallbackDeclarationError';
    this.problems = problems;
  }
}

/**
 * Checks the `@fallback` declarations of one subgraph's SDL and returns its problems (empty when
 * fine), each naming `Type.field`: a fallback on a non-null field (a failure there must propagate,
 * as GraphQL specifies), EMPTY on a field that is not a list, CACHE without `maxAgeSeconds` (or
 * `maxAgeSeconds` on another kind), or `@fallback` used without its definition. Composition calls
 * it for every subgraph; a schema-publish check can call it on a candidate SDL.
 */
export function checkFallbacks(document: DocumentNode): string[] {
  const problems: string[] = [];
  let uses = 0;
  let defined = false;
  let enumDefined = false;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.DIRECTIVE_DEFINITION && definition.name.value === fallbackDirectiveName) defined = true;
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === fallbackKindEnumName) enumDefined = true;
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    for (const field of definition.fields ?? []) {
      const name = `${definition.name.value}.${field.name.value}`;
      let declaration;
      try {
        declaration = readFallbackDirective(field.directives);
      } catch (error) {
        problems.push(`${name}: ${(error as Error).message}`);
        continue;
      }
      if (!declaration) continue;
      uses += 1;
      if (field.type.kind === Kind.NON_NULL_TYPE) {
        problems.push(`${name}: @fallback(kind: ${declaration.kind}) on a non-null field (${typeText(field.type)}); make it nullable or drop the fallback`);
      }
      if (declaration.kind === 'EMPTY' && unwrapNonNull(field.type).kind !== Kind.LIST_TYPE) {
        problems.push(`${name}: @fallback(kind: EMPTY) needs a list field, not ${typeText(field.type)}`);
      }
      if (declaration.kind === 'CACHE' && !(declaration.maxAgeSeconds !== undefined && declaration.maxAgeSeconds > 0)) {
        problems.push(`${name}: @fallback(kind: CACHE) needs maxAgeSeconds > 0 (the oldest value it may serve)`);
      }
      if (declaration.kind !== 'CACHE' && declaration.maxAgeSeconds !== undefined) {
        problems.push(`${name}: maxAgeSeconds only applies to @fallback(kind: CACHE)`);
      }
    }
  }
  if (uses > 0 && !(defined && enumDefined)) {
    problems.push(`@fallback is used but not defined: add \`directive @fallback(kind: FallbackKind!, maxAgeSeconds: Int) on FIELD_DEFINITION\` and \`enum FallbackKind { CACHE DEFAULT EMPTY NULL }\``);
  }
  return problems;
}

/** {@link checkFallbacks}, throwing a {@link FallbackDeclarationError} naming the subgraph and every problem. */
export function assertFallbacks(subgraph: string, document: DocumentNode): void {
  const problems = checkFallbacks(document);
  if (problems.length > 0) throw new FallbackDeclarationError(subgraph, problems);
}

function unwrapNonNull(type: TypeNode): TypeNode {
  return type.kind === Kind.NON_NULL_TYPE ? type.type : type;
}

function typeText(type: TypeNode): string {
  switch (type.kind) {
    case Kind.NON_NULL_TYPE:
      return `${typeText(type.type)}!`;
    case Kind.LIST_TYPE:
      return `[${typeText(type.type)}]`;
    case Kind.NAMED_TYPE:
      return type.name.value;
  }
}
