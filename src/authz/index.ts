/** Field authorization declared in the subgraph SDL: checked and stripped before composition, enforced by wrapping resolvers. */
export { activeTripStatuses } from './activeTripStatuses.ts';
export { applyAuthz } from './applyAuthz.ts';
export type { AuthzContext } from './AuthzContext.ts';
export { authzDenied } from './authzDenied.ts';
export { authzDirectiveNames, authzDirectivesSdl, ownerRuleEnumName, readFieldAuthz, type FieldAuthz } from './authzDirectives.ts';
export { checkAuthz, checkSharedAuthz, type NamedSubgraphDocument } from './checkAuthz.ts';
export { isOwnerRuleName, ownerRules, type OwnerRule, type OwnerRuleInput, type OwnerRuleName, type ParentFields } from './ownerRules.ts';
export { personalTypeNames, personalTypesOf } from './personalTypes.ts';
export { stripAuthz } from './stripAuthz.ts';
export { tokenDenial, tokenRuleOf, type TokenDenial, type TokenRule } from './tokenRule.ts';
export { TokenRules } from './TokenRules.ts';
export type { ViewerRelations } from './ViewerRelations.ts';
