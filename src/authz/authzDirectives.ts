import { Kind, type ConstDirectiveNode, type ConstValueNode } from 'graphql';

/** The field authorization directives, as written in SDL. */
export const authzDirectiveNames = {
  authenticated: 'authenticated',
  requiresScopes: 'requiresScopes',
  owner: 'owner',
  public: 'public',
} as const;

/** The enum of owner rules, as written in SDL (its values are the keys of `ownerRules`). */
export const ownerRuleEnumName = 'OwnerRule';

/**
 * The definitions every subgraph SDL that uses field authorization includes verbatim (the
 * `OwnerRule` enum lists every rule of src/authz/ownerRules.ts). Gateway-local, like `@fallback`:
 * composition strips them, so no client schema shows them, and `@apollo/gateway` never sees
 * Apollo's `for: SECURITY` features it refuses.
 */
export const authzDirectivesSdl = `directive @authenticated on FIELD_DEFINITION
directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION
directive @owner(rules: [OwnerRule!]!) on FIELD_DEFINITION
directive @public on FIELD_DEFINITION
enum OwnerRule { SELF TRIP_RIDER TRIP_DRIVER TRIP_OFFERED_DRIVER ACTIVE_TRIP_RIDER }`;

/** What one field declares about who may see it. */
export interface FieldAuthz {
  /** `@authenticated`: the caller must be signed in. */
  readonly authenticated: boolean;
  /** `@requiresScopes(scopes:)`: the token must hold every scope of at least one list (an OR of AND-lists). */
  readonly scopes: readonly (readonly string[])[] | undefined;
  /** `@owner(rules:)`: the rule names as written; at least one must allow the viewer. */
  readonly owner: readonly string[] | undefined;
  /** `@public`: deliberately visible to anyone who reaches the field's parent. */
  readonly public: boolean;
}

/** Whether `authz` restricts who sees the field (anything but `@public`). */
export function restricts(authz: FieldAuthz): boolean {
  return authz.authenticated || authz.scopes !== undefined || authz.owner !== undefined;
}

/**
 * Reads a field's authorization directives; `undefined` when it has none. Throws a `TypeError`
 * naming the directive when an argument is missing or not a literal of the right shape.
 */
export function readFieldAuthz(directives: readonly ConstDirectiveNode[] | undefined): FieldAuthz | undefined {
  let authenticated = false;
  let isPublic = false;
  let scopes: string[][] | undefined;
  let owner: string[] | undefined;
  for (const directive of directives ?? []) {
    switch (directive.name.value) {
      case authzDirectiveNames.authenticated:
        authenticated = true;
        break;
      case authzDirectiveNames.public:
        isPublic = true;
        break;
      case authzDirectiveNames.requiresScopes:
        scopes = listOf(argument(directive, 'scopes'), (value) => listOf(value, (scope) => stringValue(scope, '@requiresScopes(scopes:)'), '@requiresScopes(scopes:)'), '@requiresScopes(scopes:)');
        break;
      case authzDirectiveNames.owner:
        owner = listOf(argument(directive, 'rules'), (value) => enumValue(value, '@owner(rules:)'), '@owner(rules:)');
        break;
    }
  }
  if (!authenticated && !isPublic && !scopes && !owner) return undefined;
  return { authenticated, scopes, owner, public: isPublic };
}

function argument(directive: ConstDirectiveNode, name: string): ConstValueNode {
  const value = directive.arguments?.find((arg) => arg.name.value === name)?.value;
  if (!value) throw new TypeError(`@${directive.name.value} needs ${name}:`);
  return value;
}

/** A list argument; a single value counts as a list of one, as GraphQL's input coercion says. */
function listOf<T>(value: ConstValueNode, item: (value: ConstValueNode) => T, what: string): T[] {
  if (value.kind === Kind.NULL) throw new TypeError(`${what} must not be null`);
  return (value.kind === Kind.LIST ? value.values : [value]).map(item);
}

function stringValue(value: ConstValueNode, what: string): string {
  if (value.kind !== Kind.STRING) throw new TypeError(`${what} takes strings`);
  return value.value;
}

function enumValue(value: ConstValueNode, what: string): string {
  if (value.kind !== Kind.ENUM) throw new TypeError(`${what} takes OwnerRule values`);
  return value.value;
}
