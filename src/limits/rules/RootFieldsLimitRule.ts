import { GraphQLError, type ASTVisitor, type ValidationContext, type ValidationRule } from 'graphql';
import { responseKeys } from './responseKeys.ts';

/**
 * Refuses an operation selecting more than `max` root fields (distinct response keys, fragments
 * included), with `ROOT_FIELD_LIMIT_EXCEEDED`: each root field is its own plan branch.
 */
export function RootFieldsLimitRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const memo = new Map<string, ReadonlySet<string>>();
    return {
      OperationDefinition(node) {
        const found = responseKeys(context, node.selectionSet, memo).size;
        if (found > max) {
          context.reportError(
            new GraphQLError(`The operation selects ${found} root fields; at most ${max} are allowed.`, {
              nodes: [node],
              extensions: { code: 'ROOT_FIELD_LIMIT_EXCEEDED' },
            }),
          );
        }
      },
    };
  };
}
