import { Kind, visit, type DocumentNode } from 'graphql';

/** `@cacheControl`, as Apollo defines it: how long a field's (or a type's) value may be cached, and for whom. */
export const cacheControlDirectiveName = 'cacheControl';

/** The enum of its `scope` argument. */
export const cacheControlScopeEnumName = 'CacheControlScope';

/** What a subgraph declares to use `@cacheControl` (Apollo's definition). */
export const cacheControlDirectiveSdl = `enum CacheControlScope { PUBLIC PRIVATE }
directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION`;

/**
 * Removes `@cacheControl` (its uses, its definition and the `CacheControlScope` enum) from a
 * subgraph's SDL before composition: the edge applies the hints itself (CacheHints), so no client
 * schema shows them.
 */
export function stripCacheControl(document: DocumentNode): DocumentNode {
  return visit(document, {
    Directive(node) {
      return node.name.value === cacheControlDirectiveName ? null : undefined;
    },
    DirectiveDefinition(node) {
      return node.name.value === cacheControlDirectiveName ? null : undefined;
    },
    EnumTypeDefinition(node) {
      return node.name.value === cacheControlScopeEnumName && node.kind === Kind.ENUM_TYPE_DEFINITION ? null : undefined;
    },
  });
}
