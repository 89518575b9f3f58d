import { Kind, type DocumentNode, type FieldDefinitionNode, type TypeNode } from 'graphql';
import { readCostWeight, readListSize } from './costDirectives.ts';

/** Named types that are never objects: a list of them needs no size to bound the work. */
const builtInScalars = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

/**
 * Checks one subgraph's cost declarations and returns its problems (empty when fine), each naming
 * `Type.field`: a list of objects without `@listSize` (nothing would bound it), a malformed
 * `@cost`/`@listSize`, slicing arguments the field does not have or that are not `Int`, and the
 * directives used without their definitions. Composition calls it for every subgraph; a
 * schema-publish check can call it on a candidate SDL.
 */
export function checkCostDirectives(document: DocumentNode): string[] {
  const problems: string[] = [];
  const leafTypes = new Set(builtInScalars);
  const defined = new Set<string>();
  let uses = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.SCALAR_TYPE_DEFINITION || definition.kind === Kind.ENUM_TYPE_DEFINITION) leafTypes.add(definition.name.value);
    if (definition.kind === Kind.DIRECTIVE_DEFINITION) defined.add(definition.name.value);
  }
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    try {
      if (readCostWeight(definition.directives) !== undefined) uses += 1;
    } catch (error) {
      problems.push(`${definition.name.value}: ${(error as Error).message}`);
    }
    for (const field of definition.fields ?? []) {
      const name = `${definition.name.value}.${field.name.value}`;
      try {
        if (readCostWeight(field.directives) !== undefined) uses += 1;
        const listSize = readListSize(field.directives);
        if (listSize) {
          uses += 1;
          for (const argument of listSize.slicingArguments) {
            const declared = field.arguments?.find((candidate) => candidate.name.value === argument);
            if (!declared) problems.push(`${name}: @listSize slicing argument "${argument}" is not an argument of the field`);
            else if (namedType(declared.type) !== 'Int') problems.push(`${name}: @listSize slicing argument "${argument}" must be an Int`);
          }
        } else if (isList(field) && !leafTypes.has(namedType(field.type)) && !isExternal(field)) {
          problems.push(`${name}: a list of ${namedType(field.type)} needs @listSize(assumedSize: N) or @listSize(slicingArguments: ["first"]) so its cost is bounded`);
        }
      } catch (error) {
        problems.push(`${name}: ${(error as Error).message}`);
      }
    }
  }
  if (uses > 0 && !(defined.has('cost') && defined.has('listSize'))) {
    problems.push('@cost/@listSize are used but not defined: add the definitions from src/limits/costDirectives.ts (costDirectivesSdl)');
  }
  return problems;
}

function isList(field: FieldDefinitionNode): boolean {
  const type = field.type.kind === Kind.NON_NULL_TYPE ? field.type.type : field.type;
  return type.kind === Kind.LIST_TYPE;
}

function isExternal(field: FieldDefinitionNode): boolean {
  return field.directives?.some((directive) => directive.name.value === 'external') ?? false;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}
