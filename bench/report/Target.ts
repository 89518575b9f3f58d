/** One goal the benchmark reports against, as measured. */
export interface Target {
  readonly what: string;
  readonly measured: string;
  /** Undefined when nothing was measured for it. */
  readonly met: boolean | undefined;
}
