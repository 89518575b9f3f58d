import { parse, type DocumentNode } from 'graphql';
import type { Viewer } from '../auth/index.ts';
import { readFieldAuthz, type FieldAuthz } from './authzDirectives.ts';
import { SdlIndex } from './SdlIndex.ts';
import { tokenDenial, tokenRuleOf, type TokenDenial, type TokenRule } from './tokenRule.ts';

/**
 * The token-only part of the field rules of one client's subgraphs, by schema coordinate
 * (`Type.field`): `@authenticated`, `@requiresScopes`, and the sign-in every `@owner` implies.
 * They need no data, so the edge decides them before planning ({@link denials}); the resolver
 * wrappers (`applyAuthz`) apply the same rules, so a field is refused either way.
 */
export class TokenRules {
  readonly #rules = new Map<string, TokenRule[]>();

  /** Reads the rules of `subgraphs` (SDL text or parsed). Throws a TypeError naming `Type.field` for a malformed directive. */
  constructor(subgraphs: Iterable<string | DocumentNode>) {
    for (const subgraph of subgraphs) {
      const index = new SdlIndex(typeof subgraph === 'string' ? parse(subgraph) : subgraph);
      for (const type of index.types.values()) {
        for (const field of type.fields.values()) {
          const coordinate = `${type.name}.${field.name}`;
          let authz: FieldAuthz | undefined;
          try {
            authz = readFieldAuthz(field.node.directives);
          } catch (error) {
            throw new TypeError(`${coordinate}: ${(error as Error).message}`);
          }
          const rule = authz && tokenRuleOf(authz);
          // A field several subgraphs resolve obeys all of their rules.
          if (rule) this.#rules.set(coordinate, [...(this.#rules.get(coordinate) ?? []), rule]);
        }
      }
    }
  }

  /** The token-only rules of `Type.field` (one per subgraph declaring any); empty when it has none. */
  rulesOf(coordinate: string): readonly TokenRule[] {
    return this.#rules.get(coordinate) ?? [];
  }

  /** Why `viewer` may not see `Type.field`; `undefined` when the token lets it through. */
  denial(coordinate: string, viewer: Viewer | null): TokenDenial | undefined {
    let denied: TokenDenial | undefined;
    for (const rule of this.#rules.get(coordinate) ?? []) {
      const found = tokenDenial(rule, viewer);
      if (found === 'UNAUTHENTICATED') return found;
      denied ??= found;
    }
    return denied;
  }

  /**
   * The fields among `coordinates` (the `Type.field`s an operation selects) that `viewer` may not
   * see, with why. The edge calls it before planning and hands the map to the request context
   * (`deniedFields`); those fields then answer null with an error whose `extensions.code` is the
   * denial, without running their resolvers.
   */
  denials(coordinates: Iterable<string>, viewer: Viewer | null): ReadonlyMap<string, TokenDenial> {
    const denied = new Map<string, TokenDenial>();
    for (const coordinate of coordinates) {
      const denial = this.denial(coordinate, viewer);
      if (denial) denied.set(coordinate, denial);
    }
    return denied;
  }
}
