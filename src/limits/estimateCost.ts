import {
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { GatewayError } from '../errors/index.ts';
import { mutationFieldWeight, type CostModel, type FieldCost } from './CostModel.ts';

/** What one estimate needs besides the selection it walks. */
interface EstimateScope {
  readonly schema: GraphQLSchema;
  readonly model: CostModel;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  readonly variables: Readonly<Record<string, unknown>>;
  /** Fragment costs of this estimate (a fragment is costed once, however often it is spread). */
  readonly fragmentCosts: Map<string, number>;
  /** Fragments being costed: a cycle (invalid, rejected by validation later) costs nothing here. */
  readonly visiting: Set<string>;
}

/**
 * The IBM cost of `operation` with `variables`, before execution: every object a field can return
 * costs its weight (default 1; scalars and enums 0; a mutation's root fields 10), lists multiply
 * what they hold by their size (the largest slicing argument given, e.g. `first`, else
 * `@listSize(assumedSize:)`, else the model's assumed size, default 10), so nested lists multiply. Fragments are costed once each, so
 * a fragment bomb costs linear time. Introspection and `__typename` cost nothing here (introspection
 * has its own depth limit). Unknown fields are skipped: validation rejects them afterwards.
 * Throws GatewayError BAD_USER_INPUT when a field that requires exactly one slicing argument has none or several.
 */
export function estimateCost(
  schema: GraphQLSchema,
  model: CostModel,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return 0;
  const scope: EstimateScope = { schema, model, fragments, variables, fragmentCosts: new Map(), visiting: new Set() };
  return selectionCost(scope, operation.selectionSet, root, operation.operation === 'mutation', undefined);
}

function selectionCost(
  scope: EstimateScope,
  selectionSet: SelectionSetNode,
  parentType: GraphQLCompositeType,
  isMutationRoot: boolean,
  sizedFields: ReadonlyMap<string, number> | undefined,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    switch (selection.kind) {
      case Kind.FIELD:
        total += fieldCost(scope, selection, parentType, isMutationRoot, sizedFields);
        break;
      case Kind.INLINE_FRAGMENT: {
        const condition = selection.typeCondition ? scope.schema.getType(selection.typeCondition.name.value) : parentType;
        if (condition && isCompositeType(condition)) total += selectionCost(scope, selection.selectionSet, condition, isMutationRoot, sizedFields);
        break;
      }
      case Kind.FRAGMENT_SPREAD:
        total += fragmentCost(scope, selection.name.value, isMutationRoot, sizedFields);
        break;
    }
  }
  return total;
}

function fragmentCost(scope: EstimateScope, name: string, isMutationRoot: boolean, sizedFields: ReadonlyMap<string, number> | undefined): number {
  // Sized fields and mutation roots depend on where the fragment is spread: cost those in place.
  const memoizable = !sizedFields && !isMutationRoot;
  const known = memoizable ? scope.fragmentCosts.get(name) : undefined;
  if (known !== undefined) return known;
  const fragment = scope.fragments.get(name);
  const condition = fragment ? scope.schema.getType(fragment.typeCondition.name.value) : undefined;
  if (!fragment || !condition || !isCompositeType(condition) || scope.visiting.has(name)) return 0;
  scope.visiting.add(name);
  const cost = selectionCost(scope, fragment.selectionSet, condition, isMutationRoot, sizedFields);
  scope.visiting.delete(name);
  if (memoizable) scope.fragmentCosts.set(name, cost);
  return cost;
}

function fieldCost(
  scope: EstimateScope,
  node: FieldNode,
  parentType: GraphQLCompositeType,
  isMutationRoot: boolean,
  sizedFields: ReadonlyMap<string, number> | undefined,
): number {
  const name = node.name.value;
  if (name.startsWith('__') || !(isObjectType(parentType) || isInterfaceType(parentType))) return 0;
  const definition = parentType.getFields()[name];
  if (!definition) return 0;
  const namedType = getNamedType(definition.type);
  const declared = scope.model.field(parentType.name, name);
  const weight =
    declared?.weight ?? scope.model.typeWeight(namedType.name) ?? (isMutationRoot ? mutationFieldWeight : isCompositeType(namedType) ? 1 : 0);
  const size = listSize(scope, node, definition, declared);
  // `@listSize(sizedFields:)`: the size applies to those child fields (connections), not to this one.
  const sizesForChildren = declared?.listSize && declared.listSize.sizedFields.length > 0 ? new Map(declared.listSize.sizedFields.map((field) => [field, size])) : undefined;
  const children = node.selectionSet && isCompositeType(namedType) ? selectionCost(scope, node.selectionSet, namedType, false, sizesForChildren) : 0;
  const multiplier = sizedFields?.get(name) ?? (sizesForChildren ? 1 : isList(definition.type) ? size : 1);
  return multiplier * (weight + children);
}

/** How many items `node` may return: its largest slicing argument, else the declared assumed size, else the model's {@link CostModel.assumedListSize}. */
function listSize(scope: EstimateScope, node: FieldNode, definition: GraphQLField<unknown, unknown>, declared: FieldCost | undefined): number {
  const declaration = declared?.listSize;
  if (!declaration) return scope.model.assumedListSize;
  const given: number[] = [];
  for (const argumentName of declaration.slicingArguments) {
    const value = argumentValue(scope, node, definition, argumentName);
    if (typeof value === 'number' && Number.isFinite(value)) given.push(Math.max(0, value));
  }
  if (declaration.requireOneSlicingArgument && declaration.slicingArguments.length > 0 && given.length !== 1) {
    throw new GatewayError(
      'BAD_USER_INPUT',
      `${definition.name} needs exactly one of its slicing arguments (${declaration.slicingArguments.join(', ')}) to size the list.`,
    );
  }
  if (given.length > 0) return Math.max(...given);
  return declaration.assumedSize ?? scope.model.assumedListSize;
}

/** An argument's value: the literal, the variable's value, or the argument's default. */
function argumentValue(scope: EstimateScope, node: FieldNode, definition: GraphQLField<unknown, unknown>, name: string): unknown {
  const argument = node.arguments?.find((candidate) => candidate.name.value === name);
  if (argument) {
    const value = argument.value.kind === Kind.VARIABLE ? scope.variables[argument.value.name.value] : valueFromASTUntyped(argument.value, scope.variables);
    if (value !== undefined && value !== null) return value;
  }
  return definition.args.find((candidate) => candidate.name === name)?.defaultValue;
}

function isList(type: GraphQLType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}
