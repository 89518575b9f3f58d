import type { DomainEvent } from '../events/DomainEvent.ts';
import type { IncomingHttpHeaders } from 'node:http';
import type { Viewer } from '../auth/index.ts';
import type { TokenDenial } from '../authz/index.ts';
import type { ClientName } from '../config/index.ts';
import type { ResponseBudget } from '../limits/index.ts';

/**
 * What the edge knows and decided about one admitted GraphQL request, handed to the injected
 * `createContext` (src/startGateway.ts wires the subgraphs' context factory): the server builds no
 * context of its own and knows nothing of what resolvers need. `TName` is the route's name: a
 * client app, or `plain` in plain federation mode.
 */
export interface EdgeRequest<TName extends string = ClientName> {
  readonly client: TName;
  /** Null for an anonymous caller (web). */
  readonly viewer: Viewer | null;
  /** Absolute deadline of the whole request, ms since the epoch. */
  readonly deadline: number;
  /** Aborted when the request is cancelled or its deadline passes. */
  readonly signal: AbortSignal;
  /** The request's id (the caller's `x-request-id` when well-formed), answered back and sent to remote subgraphs. */
  readonly requestId: string;
  /** The request's headers as received (e.g. `idempotency-key`). */
  readonly headers: IncomingHttpHeaders;
  /** The operation's estimated cost (src/limits). Absent: no document to estimate. */
  readonly estimatedCost?: number;
  /** Result bytes the answer may still carry, charged per subgraph fetch. */
  readonly responseBudget: ResponseBudget;
  /** Fields (`Type.field`) refused before planning by token-only rules. Absent: none. */
  readonly deniedFields?: ReadonlyMap<string, TokenDenial>;
  /** The services' event a subscription is resolving now (src/live): what changed, for the fields it carries (a driver's heading). Absent for queries. */
  readonly liveEvent?: DomainEvent;
}
