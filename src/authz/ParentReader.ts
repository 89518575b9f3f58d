import {
  defaultFieldResolver,
  getNamedType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { ParentFields } from './ownerRules.ts';

/** A field's resolver as the subgraph built it, before authorization wrapped it. */
export type ResolverOf = (type: GraphQLObjectType, field: GraphQLField<unknown, unknown>) => GraphQLFieldResolver<unknown, unknown>;

/** One field to read, with the nested reads of its value. */
interface ReadStep {
  readonly type: GraphQLObjectType;
  readonly field: GraphQLField<unknown, unknown>;
  readonly node: FieldNode;
  readonly resolve: GraphQLFieldResolver<unknown, unknown>;
  readonly nested: readonly ReadStep[] | undefined;
}

/**
 * Reads the fields an owner rule declared (`reads`) from a parent object through the subgraph's
 * own field resolvers, as execution would: a trips `TripRecord` gives `rider { id }` through
 * `Trip.rider`, a pricing representation `{ id, rider: { id } }` (from `@requires`) through the
 * default resolver. So one mechanism serves every subgraph, whatever its parent objects look like.
 */
export class ParentReader {
  readonly #steps: readonly ReadStep[];

  /** Throws a TypeError naming `Type.field` when a read field does not exist in `type` or is not an object where a selection follows. */
  constructor(type: GraphQLObjectType, reads: SelectionSetNode, resolverOf: ResolverOf) {
    this.#steps = steps(type, reads, resolverOf);
  }

  /**
   * The read fields of `source`, nested objects as plain objects (lists as arrays). Synchronous
   * when every resolver on the way is (the usual case: a record's property, a reference): a
   * guarded list of 200 trips then costs no promise per item.
   */
  read(source: unknown, context: unknown, info: GraphQLResolveInfo): MaybePromise<ParentFields> {
    return readObject(this.#steps, source, context, info);
  }
}

/** A value, or a promise of it when something on the way was asynchronous. */
export type MaybePromise<T> = T | Promise<T>;

/** Whether `value` is a promise (or any thenable a resolver returned). */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

function steps(type: GraphQLObjectType, reads: SelectionSetNode, resolverOf: ResolverOf): ReadStep[] {
  return reads.selections.map((selection) => {
    if (selection.kind !== Kind.FIELD) throw new TypeError(`${type.name}: owner rules read fields, not fragments`);
    const field = type.getFields()[selection.name.value];
    if (!field) throw new TypeError(`${type.name}.${selection.name.value}: an owner rule reads a field this subgraph does not have`);
    let nested: ReadStep[] | undefined;
    if (selection.selectionSet) {
      const target = getNamedType(field.type);
      if (!isObjectType(target)) throw new TypeError(`${type.name}.${field.name}: owner rules read nested fields of object types only`);
      nested = steps(target, selection.selectionSet, resolverOf);
    }
    return { type, field, node: selection, resolve: resolverOf(type, field) ?? defaultFieldResolver, nested };
  });
}

function readObject(readSteps: readonly ReadStep[], source: unknown, context: unknown, info: GraphQLResolveInfo): MaybePromise<ParentFields> {
  const fields: Record<string, unknown> = {};
  let pending: PromiseLike<unknown>[] | undefined;
  for (const step of readSteps) {
    // The read field's own info: resolvers that look at it (fallbacks report by path) see a sane one.
    const fieldInfo: GraphQLResolveInfo = { ...info, fieldName: step.field.name, fieldNodes: [step.node], returnType: step.field.type, parentType: step.type };
    const resolved: unknown = step.resolve(source, {}, context, fieldInfo);
    const settle = (value: unknown): unknown => (step.nested ? readValue(step.nested, value, context, info) : value);
    const value = isPromiseLike(resolved) ? resolved.then(settle) : settle(resolved);
    if (isPromiseLike(value)) (pending ??= []).push(value.then((done) => (fields[step.field.name] = done)));
    else fields[step.field.name] = value;
  }
  return pending ? Promise.all(pending).then(() => fields) : fields;
}

function readValue(nested: readonly ReadStep[], value: unknown, context: unknown, info: GraphQLResolveInfo): MaybePromise<unknown> {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value)) return readObject(nested, value, context, info);
  const items = value.map((item: unknown) => readValue(nested, item, context, info));
  return items.some(isPromiseLike) ? Promise.all(items) : items;
}
