/** Counts the calls that reached the services behind a system: the demo fleet's `/stats`, or the benchmark subgraphs'. */
export interface CallCounter {
  /** Calls per service (or subgraph) since the last reset. */
  stats(): Promise<Record<string, number>>;
  resetStats(): Promise<void>;
}
