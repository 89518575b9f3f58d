import { Kind, type SelectionSetNode, type ValidationContext } from 'graphql';

/**
 * The distinct response keys (alias or field name) one selection set produces, through inline
 * fragments and fragment spreads. Each fragment's keys are computed once per validation (`memo`),
 * so a fragment spread many times costs linear time; a fragment cycle contributes nothing (it is
 * invalid and rejected by validation).
 */
export function responseKeys(context: ValidationContext, selectionSet: SelectionSetNode, memo: Map<string, ReadonlySet<string>>, visiting = new Set<string>()): Set<string> {
  const keys = new Set<string>();
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      keys.add(selection.alias?.value ?? selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      for (const key of responseKeys(context, selection.selectionSet, memo, visiting)) keys.add(key);
    } else {
      const name = selection.name.value;
      let fragmentKeys = memo.get(name);
      if (!fragmentKeys) {
        const fragment = context.getFragment(name);
        if (!fragment || visiting.has(name)) continue;
        visiting.add(name);
        fragmentKeys = responseKeys(context, fragment.selectionSet, memo, visiting);
        visiting.delete(name);
        memo.set(name, fragmentKeys);
      }
      for (const key of fragmentKeys) keys.add(key);
    }
  }
  return keys;
}
