import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';

/** Introspection fields that return lists: each level of them multiplies the answer. */
const listFields = new Set(['types', 'fields', 'inputFields', 'interfaces', 'possibleTypes', 'enumValues', 'args', 'directives']);

/**
 * Refuses an introspection query nesting more than `max` list fields below `__schema` or `__type`
 * (`__schema { types { fields { args } } }` nests 3, as GraphiQL's own query does), with
 * `INTROSPECTION_DEPTH_EXCEEDED`: `types { fields { type { fields { type { fields ... } } } } }`
 * grows as the schema's size to the power of its depth. Fragments are measured once each.
 */
export function IntrospectionDepthRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const memo = new Map<string, number>();
    const depthOf = (selectionSet: SelectionSetNode, visiting: Set<string>): number => {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const below = selection.selectionSet ? depthOf(selection.selectionSet, visiting) : 0;
          deepest = Math.max(deepest, below + (listFields.has(selection.name.value) ? 1 : 0));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, visiting));
        } else {
          const name = selection.name.value;
          let depth = memo.get(name);
          if (depth === undefined) {
            const fragment = context.getFragment(name);
            if (!fragment || visiting.has(name)) continue;
            visiting.add(name);
            depth = depthOf(fragment.selectionSet, visiting);
            visiting.delete(name);
            memo.set(name, depth);
          }
          deepest = Math.max(deepest, depth);
        }
      }
      return deepest;
    };
    let reported = false;
    return {
      Field(node) {
        if (reported || (node.name.value !== '__schema' && node.name.value !== '__type') || !node.selectionSet) return;
        const found = depthOf(node.selectionSet, new Set());
        if (found > max) {
          reported = true;
          context.reportError(
            new GraphQLError(`The introspection query nests ${found} list fields; at most ${max} are allowed.`, {
              nodes: [node],
              extensions: { code: 'INTROSPECTION_DEPTH_EXCEEDED' },
            }),
          );
        }
      },
    };
  };
}
