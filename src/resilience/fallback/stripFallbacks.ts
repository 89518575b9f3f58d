import { Kind, visit, type DocumentNode } from 'graphql';
import { fallbackDirectiveName, fallbackKindEnumName } from './fallbackDirective.ts';

/**
 * Removes `@fallback` (its uses, its definition and the `FallbackKind` enum) from a subgraph's SDL
 * before composition: the fallback is the gateway's business, so no client schema shows it.
 */
export function stripFallbacks(document: DocumentNode): DocumentNode {
  return visit(document, {
    Directive(node) {
      return node.name.value === fallbackDirectiveName ? null : undefined;
    },
    DirectiveDefinition(node) {
      return node.name.value === fallbackDirectiveName ? null : undefined;
    },
    EnumTypeDefinition(node) {
      return node.name.value === fallbackKindEnumName && node.kind === Kind.ENUM_TYPE_DEFINITION ? null : undefined;
    },
  });
}
