import { getNamedType, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';

/** What one operation (with the fragments it spreads, transitively) uses of a schema. */
export interface OperationUsage {
  /** `PassengerHome`, or `(anonymous)`. */
  readonly name: string;
  /** Schema coordinates of every selected field, `Type.field`. */
  readonly fields: ReadonlySet<string>;
  /** Every named type it touches: selected fields' parent and return types, argument, variable and fragment types. */
  readonly types: ReadonlySet<string>;
}

/** A selected field's place in the document, to tell which coordinate an error points at. */
interface FieldSpan {
  readonly start: number;
  readonly end: number;
  readonly coordinate: string;
}

/** One executable definition (an operation or a fragment) as the walk found it. */
interface DefinitionWalk {
  readonly kind: 'operation' | 'fragment';
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly fields: Set<string>;
  readonly types: Set<string>;
  readonly spreads: Set<string>;
}

/**
 * The operations of one document and what each uses of `schema`, walked with `TypeInfo`; and the
 * coordinate and operations any position of the document belongs to. Fields the schema does not
 * know still get their coordinate when their parent type is known (`Rider.vouchers` once removed).
 */
export class DocumentUsage {
  readonly operations: readonly OperationUsage[];
  readonly #definitions: readonly DefinitionWalk[];
  readonly #spans: readonly FieldSpan[];

  constructor(document: DocumentNode, schema: GraphQLSchema) {
    const definitions: DefinitionWalk[] = [];
    const spans: FieldSpan[] = [];
    let current: DefinitionWalk | undefined;
    const typeInfo = new TypeInfo(schema);
    const note = (typeName: string | undefined) => {
      if (typeName && current) current.types.add(typeName);
    };
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        OperationDefinition: {
          enter(node) {
            current = { kind: 'operation', name: node.name?.value ?? '(anonymous)', ...span(node.loc), fields: new Set(), types: new Set(), spreads: new Set() };
            definitions.push(current);
          },
        },
        FragmentDefinition: {
          enter(node) {
            current = { kind: 'fragment', name: node.name.value, ...span(node.loc), fields: new Set(), types: new Set(), spreads: new Set() };
            definitions.push(current);
            note(node.typeCondition.name.value);
          },
        },
        InlineFragment(node) {
          note(node.typeCondition?.name.value);
        },
        FragmentSpread(node) {
          current?.spreads.add(node.name.value);
        },
        VariableDefinition() {
          note(namedTypeName(typeInfo.getInputType()));
        },
        Field(node) {
          const parent = typeInfo.getParentType();
          if (!parent) return;
          const coordinate = `${parent.name}.${node.name.value}`;
          current?.fields.add(coordinate);
          note(parent.name);
          note(namedTypeName(typeInfo.getType()));
          spans.push({ ...span(node.loc), coordinate });
        },
        Argument() {
          note(namedTypeName(typeInfo.getInputType()));
        },
        ObjectField() {
          note(namedTypeName(typeInfo.getInputType()));
        },
      }),
    );
    this.#definitions = definitions;
    this.#spans = spans;
    this.operations = definitions.filter((definition) => definition.kind === 'operation').map((operation) => this.#closure(operation));
  }

  /** The innermost selected field at document position `offset`, as `Type.field`. */
  coordinateAt(offset: number): string | undefined {
    let found: FieldSpan | undefined;
    for (const candidate of this.#spans) {
      if (candidate.start <= offset && offset < candidate.end && (!found || candidate.start >= found.start)) found = candidate;
    }
    return found?.coordinate;
  }

  /**
   * The operations position `offset` belongs to: the one it is in, or every operation spreading
   * (transitively) the fragment it is in; a fragment no operation spreads answers `fragment <name>`.
   */
  operationsAt(offset: number): string[] {
    const definition = this.#definitions.find((candidate) => candidate.start <= offset && offset < candidate.end);
    if (!definition) return [];
    if (definition.kind === 'operation') return [definition.name];
    const users = this.#definitions.filter((candidate) => candidate.kind === 'operation' && this.#reached(candidate).has(definition.name));
    return users.length > 0 ? users.map((user) => user.name) : [`fragment ${definition.name}`];
  }

  /** The names of the fragments `definition` spreads, transitively. */
  #reached(definition: DefinitionWalk): Set<string> {
    const reached = new Set<string>();
    const pending = [...definition.spreads];
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      if (reached.has(name)) continue;
      reached.add(name);
      const fragment = this.#definitions.find((candidate) => candidate.kind === 'fragment' && candidate.name === name);
      if (fragment) pending.push(...fragment.spreads);
    }
    return reached;
  }

  #closure(operation: DefinitionWalk): OperationUsage {
    const fields = new Set(operation.fields);
    const types = new Set(operation.types);
    const reached = this.#reached(operation);
    for (const fragment of this.#definitions) {
      if (fragment.kind !== 'fragment' || !reached.has(fragment.name)) continue;
      for (const field of fragment.fields) fields.add(field);
      for (const type of fragment.types) types.add(type);
    }
    return { name: operation.name, fields, types };
  }
}

function span(loc: { readonly start: number; readonly end: number } | undefined): { start: number; end: number } {
  return { start: loc?.start ?? 0, end: loc?.end ?? 0 };
}

function namedTypeName(type: Parameters<typeof getNamedType>[0]): string | undefined {
  return type ? getNamedType(type).name : undefined;
}

