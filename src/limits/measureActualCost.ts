import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { mutationFieldWeight, type CostModel } from './CostModel.ts';

/**
 * The cost of an answer as it came back: the same weights as {@link estimateCost}, but lists count
 * the items they actually hold and null or missing objects cost nothing. Walks the result data once
 * (fields merged per response key, so a field selected twice counts once).
 */
export function measureActualCost(
  schema: GraphQLSchema,
  model: CostModel,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  data: Readonly<Record<string, unknown>> | null | undefined,
): number {
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root || !data) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const walker = new ActualCostWalker(model, fragments);
  return walker.objectCost(root, [operation.selectionSet], data, operation.operation === 'mutation');
}

class ActualCostWalker {
  readonly #model: CostModel;
  readonly #fragments: ReadonlyMap<string, FragmentDefinitionNode>;

  constructor(model: CostModel, fragments: ReadonlyMap<string, FragmentDefinitionNode>) {
    this.#model = model;
    this.#fragments = fragments;
  }

  objectCost(type: GraphQLCompositeType, selectionSets: readonly SelectionSetNode[], data: Readonly<Record<string, unknown>>, isMutationRoot: boolean): number {
    if (!(isObjectType(type) || isInterfaceType(type))) return 0;
    const fields = type.getFields();
    let total = 0;
    for (const [responseKey, nodes] of this.#collect(selectionSets, new Set())) {
      const first = nodes[0];
      const value = data[responseKey];
      if (!first || first.name.value.startsWith('__') || value === null || value === undefined) continue;
      const definition = fields[first.name.value];
      if (!definition) continue;
      const namedType = getNamedType(definition.type);
      const weight =
        this.#model.field(type.name, definition.name)?.weight ??
        this.#model.typeWeight(namedType.name) ??
        (isMutationRoot ? mutationFieldWeight : isCompositeType(namedType) ? 1 : 0);
      const childSets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
      total += this.#valueCost(namedType, childSets, value, weight);
    }
    return total;
  }

  #valueCost(type: ReturnType<typeof getNamedType>, childSets: readonly SelectionSetNode[], value: unknown, weight: number): number {
    if (Array.isArray(value)) {
      let sum = 0;
      for (const item of value) if (item !== null && item !== undefined) sum += this.#valueCost(type, childSets, item, weight);
      return sum;
    }
    if (!isCompositeType(type) || typeof value !== 'object' || value === null) return weight;
    // Abstract types: the concrete type is not in the data unless asked for; the abstract type's fields cost the same.
    return weight + this.objectCost(type, childSets, value as Record<string, unknown>, false);
  }

  /** Field nodes by response key, through inline fragments and fragment spreads (each fragment once per level). */
  #collect(selectionSets: readonly SelectionSetNode[], spread: Set<string>, into = new Map<string, FieldNode[]>()): Map<string, FieldNode[]> {
    for (const selectionSet of selectionSets) {
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          const list = into.get(key);
          if (list) list.push(selection);
          else into.set(key, [selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          this.#collect([selection.selectionSet], spread, into);
        } else if (!spread.has(selection.name.value)) {
          spread.add(selection.name.value);
          const fragment = this.#fragments.get(selection.name.value);
          if (fragment) this.#collect([fragment.selectionSet], spread, into);
        }
      }
    }
    return into;
  }
}
