import { defaultFieldResolver, isObjectType, type GraphQLField, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { AuthzContext } from './AuthzContext.ts';
import { readFieldAuthz, restricts } from './authzDirectives.ts';
import { authzDenied } from './authzDenied.ts';
import { isOwnerRuleName, ownerRules, type OwnerRule, type ParentFields } from './ownerRules.ts';
import { isPromiseLike, ParentReader, type MaybePromise } from './ParentReader.ts';
import { parseFieldSet } from './SdlIndex.ts';
import { tokenDenial, tokenRuleOf, type TokenRule } from './tokenRule.ts';

/** One owner rule as applied to one field: the rule and how to read what it reads. */
interface AppliedOwnerRule {
  readonly rule: OwnerRule;
  readonly reader: ParentReader;
}

/**
 * Wraps, in place, the resolver of every field of `schema` that carries `@authenticated`,
 * `@requiresScopes` or `@owner`, so that a refused field is null with an `UNAUTHENTICATED` or
 * `FORBIDDEN` error and its resolver is never called (no upstream call). In order:
 *
 * 1. token-only rules: refused when the edge put the field in the context's `deniedFields`
 *    (`TokenRules.denials`, decided before planning), and also evaluated here from the viewer.
 *    The map can only add refusals, never lift one, so the field is safe whether or not the edge
 *    computed it, and with a map built from a different coordinate list;
 * 2. owner rules: each reads its declared fields from the parent through this subgraph's own
 *    resolvers (`ParentReader`) and decides; any allowing lets the field through.
 *
 * Apply it after `applyFallbacks`, so a refusal is never mistaken for a failure with a fallback.
 * The context must be an {@link AuthzContext}. Throws a TypeError naming `Type.field` for a rule
 * that does not exist or reads a field the schema does not have.
 */
export function applyAuthz(schema: GraphQLSchema): GraphQLSchema {
  // Rules read parent fields through the resolvers as built, never through a guarded wrapper.
  const built = new Map<GraphQLField<unknown, unknown>, GraphQLFieldResolver<unknown, unknown> | undefined>();
  const objectTypes = Object.values(schema.getTypeMap()).filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'));
  for (const type of objectTypes) for (const field of Object.values(type.getFields())) built.set(field, field.resolve);
  const resolverOf = (_type: GraphQLObjectType, field: GraphQLField<unknown, unknown>) => built.get(field) ?? defaultFieldResolver;

  for (const type of objectTypes) {
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      let authz;
      try {
        authz = readFieldAuthz(field.astNode?.directives);
      } catch (error) {
        throw new TypeError(`${coordinate}: ${(error as Error).message}`);
      }
      if (!authz || !restricts(authz)) continue;
      const owners = (authz.owner ?? []).map((name): AppliedOwnerRule => {
        if (!isOwnerRuleName(name)) throw new TypeError(`${coordinate}: @owner names no rule ${name}`);
        const rule: OwnerRule = ownerRules[name];
        try {
          return { rule, reader: new ParentReader(type, parseFieldSet(rule.reads), resolverOf) };
        } catch (error) {
          throw new TypeError(`${coordinate}: @owner rule ${name}: ${(error as Error).message}`);
        }
      });
      const tokenRule = tokenRuleOf(authz);
      if (!tokenRule) continue;
      field.resolve = guarded(coordinate, type.name, tokenRule, owners, resolverOf(type, field));
    }
  }
  return schema;
}

function guarded(
  coordinate: string,
  typeName: string,
  tokenRule: TokenRule,
  owners: readonly AppliedOwnerRule[],
  resolve: GraphQLFieldResolver<unknown, unknown>,
): GraphQLFieldResolver<unknown, unknown> {
  const scopes = tokenRule.scopes?.map((all) => all.join(' and ')).join(', or ');
  return (source, args, context, info) => {
    const { viewer, deniedFields, relations } = context as AuthzContext;
    const denial = deniedFields?.get(coordinate) ?? tokenDenial(tokenRule, viewer);
    if (denial) throw authzDenied(coordinate, denial, scopes && denial === 'FORBIDDEN' ? `it needs the scope ${scopes}` : undefined);
    if (owners.length === 0) return resolve(source, args, context, info);
    // Unreachable through tokenRuleOf (@owner implies a sign-in), kept so the rules never see null.
    if (!viewer) throw authzDenied(coordinate, 'UNAUTHENTICATED');
    const proceed = (allowed: boolean): unknown => {
      if (!allowed) throw authzDenied(coordinate, 'FORBIDDEN');
      return resolve(source, args, context, info);
    };
    const allowed = ownerAllows(owners, 0, { typeName, source, context, info, viewer, relations });
    return isPromiseLike(allowed) ? Promise.resolve(allowed).then(proceed) : proceed(allowed);
  };
}

/** One field instance's owner decision: what every rule of the field is asked with. */
interface OwnerQuestion {
  readonly typeName: string;
  readonly source: unknown;
  readonly context: unknown;
  readonly info: GraphQLResolveInfo;
  readonly viewer: NonNullable<AuthzContext['viewer']>;
  readonly relations: AuthzContext['relations'];
}

/**
 * Whether any rule from `from` on allows; one at a time, so a cheap rule that allows spares a data
 * lookup. Synchronous while the reads and rules are, so most field instances cost no promise.
 */
function ownerAllows(owners: readonly AppliedOwnerRule[], from: number, question: OwnerQuestion): MaybePromise<boolean> {
  for (let index = from; index < owners.length; index++) {
    const { rule, reader } = owners[index]!;
    const decide = (parent: ParentFields) => rule.allows({ typeName: question.typeName, parent, viewer: question.viewer, relations: question.relations });
    const parent = reader.read(question.source, question.context, question.info);
    const allowed = isPromiseLike(parent) ? Promise.resolve(parent).then(decide) : decide(parent);
    if (isPromiseLike(allowed)) return Promise.resolve(allowed).then((yes) => yes || ownerAllows(owners, index + 1, question));
    if (allowed) return true;
  }
  return false;
}
