import { Kind, print, type DocumentNode, type SelectionNode, type SelectionSetNode } from 'graphql';
import { authzDirectiveNames, ownerRuleEnumName, readFieldAuthz, restricts, type FieldAuthz } from './authzDirectives.ts';
import { isOwnerRuleName, ownerRules } from './ownerRules.ts';
import { personalTypesOf } from './personalTypes.ts';
import { parseFieldSet, SdlIndex, type IndexedField } from './SdlIndex.ts';

/** Root types: a denied root field may null `data` itself, so rules there may be non-null. */
const rootTypeNames: ReadonlySet<string> = new Set(['Query', 'Mutation', 'Subscription']);

/** One subgraph's name and parsed SDL. */
export interface NamedSubgraphDocument {
  readonly name: string;
  readonly document: DocumentNode;
}

/**
 * Checks the field authorization of one subgraph's SDL and returns its problems (empty when fine),
 * each naming `Type.field`:
 *
 * - a malformed directive, or one used without its definition (or `OwnerRule` values the gateway
 *   does not implement);
 * - a rule (`@authenticated`, `@requiresScopes`, `@owner`) on a non-null field outside the root
 *   types: a denial answers null, which must not null the parent; or on an interface field;
 * - `@public` together with a rule; `@requiresScopes` with an empty list;
 * - an owner rule that does not exist, does not apply to the type, or reads a field that is
 *   neither a key field of the type in this subgraph, nor in the field's `@requires`, nor resolved
 *   by this subgraph;
 * - a field of a personal type (`personalTypesOf`) with neither a rule nor `@public`. Key fields
 *   (how the graph joins; an id alone tells nothing) and `@external` fields (governed where they
 *   resolve) need neither.
 *
 * Composition calls it for every subgraph; a schema-publish check can call it on a candidate SDL.
 */
export function checkAuthz(document: DocumentNode): string[] {
  const index = new SdlIndex(document);
  const personal = personalTypesOf(index);
  const problems: string[] = [];
  const used = new Set<string>();
  for (const type of index.types.values()) {
    const keyFields = index.keyFieldNames(type.name);
    for (const field of type.fields.values()) {
      const coordinate = `${type.name}.${field.name}`;
      let authz: FieldAuthz | undefined;
      try {
        authz = readFieldAuthz(field.node.directives);
      } catch (error) {
        problems.push(`${coordinate}: ${(error as Error).message}`);
        continue;
      }
      for (const directive of field.node.directives ?? []) used.add(directive.name.value);
      if (!authz) {
        if (personal.has(type.name) && !keyFields.has(field.name) && !field.external) {
          problems.push(
            `${coordinate}: ${type.name} holds personal data; say who may see this field (@owner, @authenticated, @requiresScopes) or mark it @public`,
          );
        }
        continue;
      }
      problems.push(...fieldProblems(index, type.name, field, authz).map((problem) => `${coordinate}: ${problem}`));
    }
  }
  for (const { coordinate, directives } of index.interfaceFields) {
    if (directives.some((d) => Object.values<string>(authzDirectiveNames).includes(d.name.value))) {
      problems.push(`${coordinate}: field authorization is declared on object type fields only, not on interfaces`);
    }
  }
  for (const name of Object.values(authzDirectiveNames)) {
    if (used.has(name) && !index.directiveDefinitions.has(name)) {
      problems.push(`@${name} is used but not defined: include the definitions of src/authz/authzDirectives.ts (authzDirectivesSdl)`);
    }
  }
  const declaredRules = index.enumValues.get(ownerRuleEnumName);
  if (used.has(authzDirectiveNames.owner) && !declaredRules) {
    problems.push(`@owner is used but enum ${ownerRuleEnumName} is not defined: include authzDirectivesSdl`);
  }
  for (const value of declaredRules ?? []) {
    if (!isOwnerRuleName(value)) problems.push(`enum ${ownerRuleEnumName}: the gateway implements no rule ${value} (src/authz/ownerRules.ts)`);
  }
  return problems;
}

/**
 * Checks that a field several subgraphs resolve (`@shareable` value types such as `LatLng`)
 * carries the same rules in each: the query planner may take it from any of them. Returns one
 * problem per field that differs, naming `Type.field` and the subgraphs.
 */
export function checkSharedAuthz(subgraphs: readonly NamedSubgraphDocument[]): string[] {
  const declared = new Map<string, { subgraph: string; rules: string }[]>();
  for (const { name, document } of subgraphs) {
    const index = new SdlIndex(document);
    for (const type of index.types.values()) {
      const keyFields = index.keyFieldNames(type.name);
      for (const field of type.fields.values()) {
        if (field.external || keyFields.has(field.name)) continue;
        let rules: string;
        try {
          rules = describe(readFieldAuthz(field.node.directives));
        } catch {
          continue; // checkAuthz reports it
        }
        const coordinate = `${type.name}.${field.name}`;
        declared.set(coordinate, [...(declared.get(coordinate) ?? []), { subgraph: name, rules }]);
      }
    }
  }
  const problems: string[] = [];
  for (const [coordinate, declarations] of declared) {
    if (new Set(declarations.map((d) => d.rules)).size <= 1) continue;
    const each = declarations.map((d) => `${d.subgraph}: ${d.rules}`).join('; ');
    problems.push(`${coordinate}: resolved by several subgraphs with different rules (${each}); declare the same rules in each`);
  }
  return problems;
}

function fieldProblems(index: SdlIndex, typeName: string, field: IndexedField, authz: FieldAuthz): string[] {
  const problems: string[] = [];
  if (authz.public && restricts(authz)) problems.push('@public contradicts its rules; drop one');
  if (restricts(authz) && field.nonNull && !rootTypeNames.has(typeName)) {
    problems.push(`a rule on a non-null field (${print(field.node.type)}): a denial answers null, which would null the parent; make it nullable`);
  }
  if (authz.scopes && (authz.scopes.length === 0 || authz.scopes.some((all) => all.length === 0))) {
    problems.push('@requiresScopes needs at least one non-empty list of scopes');
  }
  for (const name of authz.owner ?? []) {
    if (!isOwnerRuleName(name)) {
      problems.push(`@owner names no rule ${name}; the rules are ${Object.keys(ownerRules).join(', ')}`);
      continue;
    }
    const rule = ownerRules[name];
    if (!(rule.types as readonly string[]).includes(typeName)) {
      problems.push(`@owner rule ${name} applies to ${rule.types.join(', ')}, not ${typeName}`);
      continue;
    }
    for (const path of unreadable(index, typeName, parseFieldSet(rule.reads).selections, field.requires, [])) {
      problems.push(
        `@owner rule ${name} reads "${rule.reads}", but ${path} is neither a key field of ${typeName} here, nor in the field's @requires, nor resolved by this subgraph`,
      );
    }
  }
  if (authz.owner?.length === 0) problems.push('@owner needs at least one rule');
  return problems;
}

/**
 * The paths of `reads` this subgraph cannot give a rule on `typeName`: each field must be a key
 * field (nested reads within the key), in `requires` (nested within it), or a field this subgraph
 * resolves (nested reads checked on its type the same way, without `requires`).
 */
function unreadable(
  index: SdlIndex,
  typeName: string,
  reads: readonly SelectionNode[],
  requires: SelectionSetNode | undefined,
  path: readonly string[],
): string[] {
  const type = index.types.get(typeName);
  const missing: string[] = [];
  for (const read of reads) {
    if (read.kind !== Kind.FIELD) {
      missing.push([...path, '(fragment)'].join('.'));
      continue;
    }
    const name = read.name.value;
    const here = [...path, name];
    const fromKey = type?.keys.map((key) => fieldIn(key, name)).find((found) => found !== undefined);
    const fromRequires = requires ? fieldIn(requires, name) : undefined;
    const provided = fromKey ?? fromRequires;
    if (provided) {
      missing.push(...notWithin(read.selectionSet, provided.selectionSet, here));
      continue;
    }
    const local = type?.fields.get(name);
    if (!local || local.external) {
      missing.push(here.join('.'));
      continue;
    }
    if (read.selectionSet) missing.push(...unreadable(index, local.typeName, read.selectionSet.selections, undefined, here));
  }
  return missing;
}

/** The field `name` of a field set, if it selects it. */
function fieldIn(set: SelectionSetNode, name: string) {
  for (const selection of set.selections) if (selection.kind === Kind.FIELD && selection.name.value === name) return selection;
  return undefined;
}

/** The paths of `reads` not within `provided` (what a key or `@requires` hands the subgraph). */
function notWithin(reads: SelectionSetNode | undefined, provided: SelectionSetNode | undefined, path: readonly string[]): string[] {
  if (!reads) return [];
  const missing: string[] = [];
  for (const read of reads.selections) {
    if (read.kind !== Kind.FIELD) continue;
    const match = provided ? fieldIn(provided, read.name.value) : undefined;
    const here = [...path, read.name.value];
    if (!match) missing.push(here.join('.'));
    else missing.push(...notWithin(read.selectionSet, match.selectionSet, here));
  }
  return missing;
}

/** A canonical text of a field's rules, to compare declarations across subgraphs. */
function describe(authz: FieldAuthz | undefined): string {
  if (!authz) return 'no rule';
  const parts: string[] = [];
  if (authz.public) parts.push('@public');
  if (authz.authenticated) parts.push('@authenticated');
  if (authz.scopes) parts.push(`@requiresScopes(${JSON.stringify(authz.scopes.map((all) => [...all].sort()).sort())})`);
  if (authz.owner) parts.push(`@owner(${[...authz.owner].sort().join(', ')})`);
  return parts.join(' ');
}
