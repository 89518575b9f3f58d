import { GraphQLError, type ASTVisitor, type ValidationContext, type ValidationRule } from 'graphql';
import { responseKeys } from './responseKeys.ts';

/**
 * Refuses a selection set with more than `max` distinct response keys (fragments merged in), with
 * `SELECTION_LIMIT_EXCEEDED`: it bounds the width of every level as depth bounds the height.
 */
export function SelectionWidthLimitRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const memo = new Map<string, ReadonlySet<string>>();
    let reported = false;
    return {
      SelectionSet(node) {
        if (reported) return false;
        const found = responseKeys(context, node, memo).size;
        if (found > max) {
          reported = true;
          context.reportError(
            new GraphQLError(`A selection set has ${found} distinct fields; at most ${max} are allowed.`, {
              nodes: [node],
              extensions: { code: 'SELECTION_LIMIT_EXCEEDED' },
            }),
          );
          return false;
        }
        return undefined;
      },
    };
  };
}
