import { Kind, type ConstDirectiveNode, type DocumentNode, type TypeNode } from 'graphql';
import { cacheControlDirectiveName } from './cacheControlDirective.ts';

/** One `@cacheControl` as declared. */
export interface CacheHint {
  /** Seconds; absent: the hint says only the scope. */
  readonly maxAge?: number;
  readonly scope?: 'PUBLIC' | 'PRIVATE';
}

/** How long, and for whom, an answer may be cached (structurally the edge's `CachePolicy`). */
export interface AnswerCachePolicy {
  /** Seconds; 0: not cacheable. */
  readonly maxAgeSeconds: number;
  readonly scope: 'PUBLIC' | 'PRIVATE';
}

/** Directives of field authorization (src/authz): a field carrying one answers per viewer. */
const viewerDependentDirectives = new Set(['owner', 'authenticated', 'requiresScopes']);

/** Root fields whose whole subtree is the viewer's own. */
const viewerRootFields = new Set(['Query.me']);

/** The root operation types (their fields without a hint are not cacheable, as in Apollo Server). */
const rootTypes = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * The cache hints of one client's subgraphs (`@cacheControl` on types and fields, Apollo's
 * semantics), read from their SDL before composition strips them, and the policy of an answer
 * from the `Type.field`s its operation selects ({@link policyOf}).
 */
export class CacheHints {
  readonly #fieldHints = new Map<string, CacheHint>();
  readonly #typeHints = new Map<string, CacheHint>();
  /** `Type.field` → the named type it returns. */
  readonly #returnTypes = new Map<string, string>();
  readonly #compositeTypes = new Set<string>();
  readonly #viewerFields = new Set<string>();

  /** Reads every subgraph's hints; throws a TypeError naming the type or `Type.field` of a malformed `@cacheControl`. */
  constructor(subgraphs: Iterable<DocumentNode>) {
    for (const document of subgraphs) {
      for (const definition of document.definitions) {
        if (definition.kind === Kind.UNION_TYPE_DEFINITION || definition.kind === Kind.UNION_TYPE_EXTENSION) this.#compositeTypes.add(definition.name.value);
        if (
          definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
          definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
          definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
          definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
        ) {
          continue;
        }
        const typeName = definition.name.value;
        this.#compositeTypes.add(typeName);
        const typeHint = readHint(definition.directives, typeName);
        if (typeHint) this.#typeHints.set(typeName, mergeHints(this.#typeHints.get(typeName), typeHint));
        for (const field of definition.fields ?? []) {
          const coordinate = `${typeName}.${field.name.value}`;
          this.#returnTypes.set(coordinate, namedType(field.type));
          const hint = readHint(field.directives, coordinate);
          if (hint) this.#fieldHints.set(coordinate, mergeHints(this.#fieldHints.get(coordinate), hint));
          if (field.directives?.some((directive) => viewerDependentDirectives.has(directive.name.value))) this.#viewerFields.add(coordinate);
        }
      }
    }
  }

  /**
   * The policy of an answer selecting `coordinates`: max-age is the minimum over its fields (a
   * field's own hint, else the hint of the type it returns; a root field or a field returning an
   * object without either: 0; a scalar field without a hint: no bound); PRIVATE when any field is
   * PRIVATE, under `me`, or has an authorization rule (`@owner`, `@authenticated`, `@requiresScopes`).
   */
  policyOf(coordinates: Iterable<string>): AnswerCachePolicy {
    let maxAge = Number.POSITIVE_INFINITY;
    let scope: AnswerCachePolicy['scope'] = 'PUBLIC';
    for (const coordinate of coordinates) {
      if (viewerRootFields.has(coordinate) || this.#viewerFields.has(coordinate)) scope = 'PRIVATE';
      const returnType = this.#returnTypes.get(coordinate);
      const composite = returnType !== undefined && this.#compositeTypes.has(returnType);
      const hint = this.#fieldHints.get(coordinate) ?? (composite && returnType ? this.#typeHints.get(returnType) : undefined);
      if (hint?.scope === 'PRIVATE') scope = 'PRIVATE';
      if (hint?.maxAge !== undefined) maxAge = Math.min(maxAge, hint.maxAge);
      else if (composite || rootTypes.has(coordinate.slice(0, coordinate.indexOf('.')))) maxAge = 0;
    }
    return { maxAgeSeconds: Number.isFinite(maxAge) ? maxAge : 0, scope };
  }
}

/** A `@cacheControl` among `directives`; TypeError naming `where` when its arguments are malformed. */
function readHint(directives: readonly ConstDirectiveNode[] | undefined, where: string): CacheHint | undefined {
  const directive = directives?.find((candidate) => candidate.name.value === cacheControlDirectiveName);
  if (!directive) return undefined;
  let maxAge: number | undefined;
  let scope: CacheHint['scope'];
  for (const argument of directive.arguments ?? []) {
    const { value } = argument;
    if (argument.name.value === 'maxAge') {
      if (value.kind !== Kind.INT || Number(value.value) < 0) throw new TypeError(`${where}: @cacheControl(maxAge:) must be a whole number of seconds, 0 or more`);
      maxAge = Number(value.value);
    } else if (argument.name.value === 'scope') {
      if (value.kind !== Kind.ENUM || (value.value !== 'PUBLIC' && value.value !== 'PRIVATE')) throw new TypeError(`${where}: @cacheControl(scope:) must be PUBLIC or PRIVATE`);
      scope = value.value;
    }
  }
  return { ...(maxAge !== undefined ? { maxAge } : {}), ...(scope ? { scope } : {}) };
}

/** Two subgraphs hinting the same element: the shorter max-age and the narrower scope win. */
function mergeHints(known: CacheHint | undefined, hint: CacheHint): CacheHint {
  if (!known) return hint;
  const maxAge = known.maxAge === undefined ? hint.maxAge : hint.maxAge === undefined ? known.maxAge : Math.min(known.maxAge, hint.maxAge);
  const scope = known.scope === 'PRIVATE' || hint.scope === 'PRIVATE' ? 'PRIVATE' : (known.scope ?? hint.scope);
  return { ...(maxAge !== undefined ? { maxAge } : {}), ...(scope ? { scope } : {}) };
}

/** The named type under lists and non-nulls. */
function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}
