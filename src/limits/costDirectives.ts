import { Kind, visit, type ConstDirectiveNode, type ConstValueNode, type DocumentNode } from 'graphql';

/**
 * The demand-control directives of the IBM GraphQL cost specification, as Apollo Router and Hive
 * Gateway read them. Every subgraph SDL that sizes a field includes these definitions verbatim; they
 * are the gateway's business, so composition strips them ({@link stripCostDirectives}) and no
 * client schema shows them.
 */
export const costDirectivesSdl = `directive @cost(weight: Int!) on FIELD_DEFINITION | OBJECT
directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION`;

/** `@listSize` as declared on one field. */
export interface ListSizeDeclaration {
  /** The size assumed when no slicing argument gives it. */
  readonly assumedSize: number | undefined;
  /** Arguments whose value is the list's size (e.g. `first`); the largest given one counts. */
  readonly slicingArguments: readonly string[];
  /** Fields of the returned type the size applies to (connections: `edges`), instead of this field. */
  readonly sizedFields: readonly string[];
  /** Whether exactly one slicing argument must be given (a default value counts). */
  readonly requireOneSlicingArgument: boolean;
}

const costNames = new Set(['cost', 'listSize']);

/** `@cost(weight:)` among `directives`; `undefined` when absent. Throws a TypeError naming a malformed argument. */
export function readCostWeight(directives: readonly ConstDirectiveNode[] | undefined): number | undefined {
  const directive = directives?.find((node) => node.name.value === 'cost');
  if (!directive) return undefined;
  const weight = directive.arguments?.find((argument) => argument.name.value === 'weight')?.value;
  if (weight?.kind !== Kind.INT || Number(weight.value) < 0) throw new TypeError('@cost needs weight: a whole number ≥ 0');
  return Number(weight.value);
}

/** `@listSize(...)` among `directives`; `undefined` when absent. Throws a TypeError naming a malformed argument. */
export function readListSize(directives: readonly ConstDirectiveNode[] | undefined): ListSizeDeclaration | undefined {
  const directive = directives?.find((node) => node.name.value === 'listSize');
  if (!directive) return undefined;
  let assumedSize: number | undefined;
  let slicingArguments: string[] = [];
  let sizedFields: string[] = [];
  let requireOneSlicingArgument = true;
  for (const argument of directive.arguments ?? []) {
    const { value } = argument;
    switch (argument.name.value) {
      case 'assumedSize':
        if (value.kind !== Kind.INT || Number(value.value) < 0) throw new TypeError('@listSize: assumedSize must be a whole number ≥ 0');
        assumedSize = Number(value.value);
        break;
      case 'slicingArguments':
        slicingArguments = stringList(value, 'slicingArguments');
        break;
      case 'sizedFields':
        sizedFields = stringList(value, 'sizedFields');
        break;
      case 'requireOneSlicingArgument':
        if (value.kind !== Kind.BOOLEAN) throw new TypeError('@listSize: requireOneSlicingArgument must be true or false');
        requireOneSlicingArgument = value.value;
        break;
      default:
        throw new TypeError(`@listSize: unexpected argument ${argument.name.value}`);
    }
  }
  if (assumedSize === undefined && slicingArguments.length === 0) {
    throw new TypeError('@listSize needs assumedSize or slicingArguments: nothing would bound the list');
  }
  return { assumedSize, slicingArguments, sizedFields, requireOneSlicingArgument };
}

function stringList(value: ConstValueNode, name: string): string[] {
  const items = value.kind === Kind.LIST ? value.values : [value];
  return items.map((item) => {
    if (item.kind !== Kind.STRING) throw new TypeError(`@listSize: ${name} must be a list of strings`);
    return item.value;
  });
}

/** Removes `@cost` and `@listSize` (uses and definitions) from a subgraph's SDL before composition. */
export function stripCostDirectives(document: DocumentNode): DocumentNode {
  return visit(document, {
    Directive(node) {
      return costNames.has(node.name.value) ? null : undefined;
    },
    DirectiveDefinition(node) {
      return costNames.has(node.name.value) ? null : undefined;
    },
  });
}
