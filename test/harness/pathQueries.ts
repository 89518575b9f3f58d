import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';

/** Values for arguments, by argument name: literals as written in GraphQL (`"p-comfort"`, `3`, `TODAY`). */
export type ArgumentSamples = Readonly<Record<string, string>>;

/** How far and how wide the generated operations reach. */
export interface PathQueryLimits {
  /** The deepest field, counting the root field as 1 (leaves included). */
  readonly maxDepth: number;
  /** The value given to every `first:` argument, so lists stay small. */
  readonly listSize: number;
  /** Values for required arguments and for optional ones worth setting; a required one missing here throws. */
  readonly samples: ArgumentSamples;
}

/** A field with its arguments, and its selection when it returns an object (with `__typename` first). */
interface Selection {
  readonly head: string;
  readonly children: readonly Selection[] | undefined;
}

/** One generated operation, which can split into smaller ones that together walk the same paths. */
export interface PathOperation {
  readonly text: string;
  /**
   * The same paths in several operations, one per object field of the shallowest selection that
   * has several (each keeping every leaf on the way); `undefined` when nothing splits further.
   * For a gateway that refuses the whole as too costly.
   */
  split(): PathOperation[] | undefined;
}

/** The operations reaching every field under a root type up to the depth, and how many distinct paths (root to leaf) they walk. */
export interface PathQuerySet {
  readonly operations: readonly PathOperation[];
  readonly paths: number;
}

/**
 * Generates operations that walk every path the client's API schema allows from `rootType`, up to
 * `maxDepth`: every field of every object type, with `__typename` on every object so a checker
 * knows what it reads. Queries get one operation per root field (split further on demand);
 * mutations too, never split (sending one performs the mutation).
 */
export function pathQueries(rootType: GraphQLObjectType, operation: 'query' | 'mutation', limits: PathQueryLimits): PathQuerySet {
  const operations: PathOperation[] = [];
  let paths = 0;
  for (const field of Object.values(rootType.getFields())) {
    const root = select(rootType, field, 1, limits);
    if (!root) continue;
    paths += countPaths(root);
    // A mutation's leaf root (updateLocation: Boolean) has no path to personal data; not sent.
    if (operation === 'mutation' && !root.children) continue;
    operations.push(operationOf(operation, root));
  }
  return { operations, paths };
}

function operationOf(kind: 'query' | 'mutation', root: Selection): PathOperation {
  return {
    text: `${kind} { ${print(root)} }`,
    split: () => (kind === 'mutation' ? undefined : splitSelection(root)?.map((part) => operationOf(kind, part))),
  };
}

/** `field` of `type` at `depth`, its selection down to the limit; `undefined` for an object field at the limit (it could select nothing). */
function select(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, depth: number, limits: PathQueryLimits): Selection | undefined {
  const head = `${field.name}${argumentsText(field, limits)}`;
  const named = getNamedType(field.type);
  if (isLeafType(named)) return { head, children: undefined };
  if (!isObjectType(named)) throw new Error(`${type.name}.${field.name}: ${named.name} is abstract; teach pathQueries fragments`);
  if (depth >= limits.maxDepth) return undefined;
  const children = [{ head: '__typename', children: undefined }, ...Object.values(named.getFields()).flatMap((child) => select(named, child, depth + 1, limits) ?? [])];
  return { head, children };
}

function splitSelection(selection: Selection): Selection[] | undefined {
  const children = selection.children ?? [];
  const objects = children.filter((child) => child.children);
  const leaves = children.filter((child) => !child.children);
  if (objects.length > 1) return objects.map((object) => ({ head: selection.head, children: [...leaves, object] }));
  const only = objects[0];
  const parts = only && splitSelection(only);
  return parts?.map((part) => ({ head: selection.head, children: [...leaves, part] }));
}

function print(selection: Selection): string {
  return selection.children ? `${selection.head} { ${selection.children.map(print).join(' ')} }` : selection.head;
}

function countPaths(selection: Selection): number {
  if (!selection.children) return selection.head === '__typename' ? 0 : 1;
  return selection.children.reduce((sum, child) => sum + countPaths(child), 0);
}

/** `(first: 3, id: "p-comfort")`: `first` set to the list size, samples by name, required arguments always. */
function argumentsText(field: GraphQLField<unknown, unknown>, limits: PathQueryLimits): string {
  const given = field.args.flatMap((arg) => {
    const value = argumentValue(field, arg, limits);
    return value === undefined ? [] : [`${arg.name}: ${value}`];
  });
  return given.length > 0 ? `(${given.join(', ')})` : '';
}

function argumentValue(field: GraphQLField<unknown, unknown>, arg: GraphQLArgument, limits: PathQueryLimits): string | undefined {
  if (arg.name === 'first') return String(limits.listSize);
  const sample = limits.samples[arg.name];
  if (sample !== undefined) return sample;
  const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
  if (!required) return undefined;
  const type = getNamedType(arg.type);
  if (isEnumType(type)) return type.getValues()[0]?.name;
  if (isInputObjectType(type)) throw new Error(`${field.name}(${arg.name}:) needs a sample value`);
  throw new Error(`${field.name}(${arg.name}:) is required; give pathQueries a sample for it`);
}
