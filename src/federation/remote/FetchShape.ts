import { Kind, parse, type FieldNode, type SelectionSetNode } from 'graphql';

/** A field a fetch selects at its top level: where its value goes in the answer, and its schema coordinate's field name. */
export interface FetchField {
  readonly responseName: string;
  readonly fieldName: string;
}

/**
 * What one plan fetch asks a subgraph for, read from its operation text once: enough to answer
 * the fetch itself, field by field, when the subgraph cannot (see `failedFetch`).
 */
export interface FetchShape {
  readonly operation: 'query' | 'mutation' | 'subscription';
  /** Root fields (a root fetch), under the root type's name (`Query`, `Mutation`). */
  readonly rootType: string;
  readonly rootFields: readonly FetchField[];
  /**
   * An entity fetch (`_entities(representations:)`): its response name and, per entity type, the
   * fields asked of it (`... on Product { promotion }`); `undefined` for a root fetch.
   */
  readonly entities: { readonly responseName: string; readonly fieldsByType: ReadonlyMap<string, readonly FetchField[]> } | undefined;
}

/** Reads a plan fetch's operation text. Throws graphql-js's syntax error on text that is not GraphQL. */
export function readFetchShape(query: string): FetchShape {
  const document = parse(query, { noLocation: true });
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) throw new TypeError('A plan fetch holds no operation.');
  const rootType = operation.operation === 'query' ? 'Query' : operation.operation === 'mutation' ? 'Mutation' : 'Subscription';
  const rootFields = fieldsOf(operation.selectionSet);
  const entitiesField = operation.selectionSet.selections.find((selection): selection is FieldNode => selection.kind === Kind.FIELD && selection.name.value === '_entities');
  let entities: FetchShape['entities'];
  if (entitiesField?.selectionSet) {
    const fieldsByType = new Map<string, FetchField[]>();
    for (const selection of entitiesField.selectionSet.selections) {
      if (selection.kind !== Kind.INLINE_FRAGMENT) continue;
      const type = selection.typeCondition?.name.value ?? '';
      fieldsByType.set(type, [...(fieldsByType.get(type) ?? []), ...fieldsOf(selection.selectionSet)]);
    }
    entities = { responseName: entitiesField.alias?.value ?? '_entities', fieldsByType };
  }
  return { operation: operation.operation, rootType, rootFields, entities };
}

/** The top-level fields of a selection set, `__typename` left out (it never fails). */
function fieldsOf(selectionSet: SelectionSetNode): FetchField[] {
  const fields: FetchField[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.name.value === '__typename') continue;
    fields.push({ responseName: selection.alias?.value ?? selection.name.value, fieldName: selection.name.value });
  }
  return fields;
}
