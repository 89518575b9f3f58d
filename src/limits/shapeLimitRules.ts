import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import type { OperationLimits } from '../config/index.ts';
import type { ErrorCode } from '../errors/index.ts';
import { IntrospectionDepthRule } from './rules/IntrospectionDepthRule.ts';
import { RootFieldsLimitRule } from './rules/RootFieldsLimitRule.ts';
import { SelectionWidthLimitRule } from './rules/SelectionWidthLimitRule.ts';

/**
 * The validation rules that bound an operation's shape, run before the specification's own rules
 * (whose overlap checks are what a fragment bomb attacks): GraphQL Armor's depth, aliases and
 * directives (each counts fragments once, where spread), and ours for root fields, selection width
 * and introspection depth. Each violation is reported as one error with its own `extensions.code`.
 */
export function shapeLimitRules(limits: OperationLimits): ValidationRule[] {
  return [
    armorRule(maxDepthRule, { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true }, 'DEPTH_LIMIT_EXCEEDED'),
    armorRule(maxAliasesRule, { n: limits.maxAliases }, 'ALIAS_LIMIT_EXCEEDED'),
    armorRule(maxDirectivesRule, { n: limits.maxDirectives }, 'DIRECTIVE_LIMIT_EXCEEDED'),
    RootFieldsLimitRule(limits.maxRootFields),
    SelectionWidthLimitRule(limits.maxSelectionFields),
    IntrospectionDepthRule(limits.maxIntrospectionDepth),
  ];
}

/** Armor's rejection callback: the validation context (null for the token parser) and its error. */
type ArmorRejection = (context: ValidationContext | null, error: GraphQLError) => void;

/**
 * An Armor rule that reports its rejection as an error with `code` instead of throwing one that
 * says "Syntax Error" (which it is not).
 */
function armorRule<TOptions extends { onReject?: ArmorRejection[]; propagateOnRejection?: boolean }>(
  rule: (options: TOptions) => ValidationRule,
  options: Omit<TOptions, 'onReject' | 'propagateOnRejection'>,
  code: ErrorCode,
): ValidationRule {
  const reject: ArmorRejection = (context, error) =>
    context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code } }));
  return rule({ ...options, propagateOnRejection: false, onReject: [reject] } as TOptions);
}
