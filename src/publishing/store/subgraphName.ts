/**
 * What a published subgraph's name may be (as in `schemas/subgraphs.json`): it names a directory of
 * the file store and a segment of etcd keys, so nothing else (no `/`, no `..`) gets through.
 */
export const SUBGRAPH_NAME_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;

/** Whether `name` can be a subgraph's name. */
export function isSubgraphName(name: string): boolean {
  return SUBGRAPH_NAME_PATTERN.test(name);
}
