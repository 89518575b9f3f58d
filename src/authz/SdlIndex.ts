import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type SelectionSetNode,
  type TypeNode,
} from 'graphql';

/** One field of an object type as one subgraph declares it. */
export interface IndexedField {
  readonly name: string;
  readonly node: FieldDefinitionNode;
  /** The named type it returns (lists and non-null unwrapped). */
  readonly typeName: string;
  readonly nonNull: boolean;
  /** `@external`: declared here, resolved by another subgraph. */
  readonly external: boolean;
  /** `@requires(fields:)`, parsed; `undefined` when the field requires nothing. */
  readonly requires: SelectionSetNode | undefined;
}

/** An object type as one subgraph declares it (its definition and extensions merged). */
export interface IndexedType {
  readonly name: string;
  readonly fields: ReadonlyMap<string, IndexedField>;
  /** Every `@key(fields:)` of the type, parsed. Empty: a value type, not an entity. */
  readonly keys: readonly SelectionSetNode[];
}

/**
 * What the authorization checks need to know about one subgraph's SDL: its object types with their
 * fields, keys and `@requires`; the directives and enums it defines; and which interface fields
 * carry directives. Built once per check from the parsed SDL.
 */
export class SdlIndex {
  readonly types = new Map<string, IndexedType>();
  readonly directiveDefinitions = new Set<string>();
  readonly enumValues = new Map<string, ReadonlySet<string>>();
  /** `Interface.field` with its directives, for checks that refuse rules there. */
  readonly interfaceFields: { readonly coordinate: string; readonly directives: readonly ConstDirectiveNode[] }[] = [];

  constructor(document: DocumentNode) {
    for (const definition of document.definitions) {
      switch (definition.kind) {
        case Kind.DIRECTIVE_DEFINITION:
          this.directiveDefinitions.add(definition.name.value);
          break;
        case Kind.ENUM_TYPE_DEFINITION:
        case Kind.ENUM_TYPE_EXTENSION: {
          const values = new Set(this.enumValues.get(definition.name.value));
          for (const value of definition.values ?? []) values.add(value.name.value);
          this.enumValues.set(definition.name.value, values);
          break;
        }
        case Kind.INTERFACE_TYPE_DEFINITION:
        case Kind.INTERFACE_TYPE_EXTENSION:
          for (const field of definition.fields ?? []) {
            this.interfaceFields.push({ coordinate: `${definition.name.value}.${field.name.value}`, directives: field.directives ?? [] });
          }
          break;
        case Kind.OBJECT_TYPE_DEFINITION:
        case Kind.OBJECT_TYPE_EXTENSION: {
          const name = definition.name.value;
          const known = this.types.get(name);
          const fields = new Map(known?.fields);
          for (const field of definition.fields ?? []) fields.set(field.name.value, indexField(field));
          const keys = [...(known?.keys ?? []), ...(definition.directives ?? []).flatMap((directive) => keySelection(directive))];
          this.types.set(name, { name, fields, keys });
          break;
        }
        default:
          break;
      }
    }
  }

  /** Whether `typeName` is an entity here (has a `@key`). */
  isEntity(typeName: string): boolean {
    return (this.types.get(typeName)?.keys.length ?? 0) > 0;
  }

  /** The top-level field names of the type's keys. */
  keyFieldNames(typeName: string): Set<string> {
    const names = new Set<string>();
    for (const key of this.types.get(typeName)?.keys ?? []) {
      for (const selection of key.selections) if (selection.kind === Kind.FIELD) names.add(selection.name.value);
    }
    return names;
  }
}

/** Parses a `fields:` selection string of `@key` or `@requires` (without braces). */
export function parseFieldSet(fields: string): SelectionSetNode {
  const document = parse(`{ ${fields} }`);
  const operation = document.definitions[0];
  if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new TypeError(`not a field set: ${fields}`);
  return operation.selectionSet;
}

function indexField(node: FieldDefinitionNode): IndexedField {
  const directive = (name: string) => node.directives?.find((d) => d.name.value === name);
  const requiresFields = directive('requires')?.arguments?.find((arg) => arg.name.value === 'fields')?.value;
  return {
    name: node.name.value,
    node,
    typeName: namedType(node.type),
    nonNull: node.type.kind === Kind.NON_NULL_TYPE,
    external: directive('external') !== undefined,
    requires: requiresFields?.kind === Kind.STRING ? parseFieldSet(requiresFields.value) : undefined,
  };
}

function keySelection(directive: ConstDirectiveNode): SelectionSetNode[] {
  if (directive.name.value !== 'key') return [];
  const fields = directive.arguments?.find((arg) => arg.name.value === 'fields')?.value;
  return fields?.kind === Kind.STRING ? [parseFieldSet(fields.value)] : [];
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}
