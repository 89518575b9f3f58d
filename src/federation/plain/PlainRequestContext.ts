import type { IncomingHttpHeaders } from 'node:http';
import type { Viewer } from '../../auth/index.ts';
import type { ResponseBudget } from '../../limits/index.ts';

/** The route name of plain mode's `/graphql`: the `client` of its metrics, rate limits and requests. */
export const plainRouteName = 'plain';

/**
 * The request context of plain mode: what the edge decided, for the remote data sources (the
 * viewer for the identity token, the deadline, the request id, the headers some are forwarded).
 */
export interface PlainRequestContext {
  readonly client: typeof plainRouteName;
  /** Null for an anonymous caller; else the verified bearer token's subject and scopes. */
  readonly viewer: Viewer | null;
  /** Absolute deadline of the whole request, ms since the epoch. */
  readonly deadline: number;
  /** Aborted when the request is cancelled or its deadline passes. */
  readonly signal: AbortSignal;
  /** The caller's `x-request-id` when it sent a sane one, else a new UUID: sent to every subgraph. */
  readonly requestId: string;
  /** The request's headers as received (only those configured are forwarded). */
  readonly headers: IncomingHttpHeaders;
  /** The operation's estimated cost (src/limits). */
  readonly estimatedCost?: number;
  /** Result bytes the answer may still carry, charged per subgraph fetch. */
  readonly responseBudget?: ResponseBudget;
}
