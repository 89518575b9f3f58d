import { visit, type DocumentNode } from 'graphql';
import { authzDirectiveNames, ownerRuleEnumName } from './authzDirectives.ts';

const names: ReadonlySet<string> = new Set(Object.values(authzDirectiveNames));

/**
 * Removes the field authorization directives (uses and definitions) and the `OwnerRule` enum from
 * a subgraph's SDL before composition: the gateway enforces them itself (src/authz), no client
 * schema shows them, and `@apollo/gateway` 2.14 refuses supergraphs carrying Apollo's own
 * `@authenticated`/`@requiresScopes` (`for: SECURITY` features it does not implement).
 */
export function stripAuthz(document: DocumentNode): DocumentNode {
  return visit(document, {
    Directive(node) {
      return names.has(node.name.value) ? null : undefined;
    },
    DirectiveDefinition(node) {
      return names.has(node.name.value) ? null : undefined;
    },
    EnumTypeDefinition(node) {
      return node.name.value === ownerRuleEnumName ? null : undefined;
    },
  });
}
