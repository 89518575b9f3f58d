/** A reference to an entity another subgraph resolves: just its key. */
export interface EntityRef {
  readonly id: string;
}
