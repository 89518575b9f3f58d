import type { ResponseBudget } from '../limits/index.ts';

/**
 * What the edge's own plugins read back from a request's context (demand control: the estimate
 * and the response budget it decided); everything else in the context is opaque to the server.
 */
export interface EdgeContext {
  /** Reported with the actual cost after execution. Absent: 0. */
  readonly estimatedCost?: number;
  /** Over budget: the answer becomes one RESPONSE_TOO_LARGE error. Absent: unbounded. */
  readonly responseBudget?: ResponseBudget;
}
