import type { DomainEvent } from '../events/DomainEvent.ts';
import type { IncomingHttpHeaders } from 'node:http';
import type { Viewer } from '../auth/index.ts';
import type { TokenDenial, ViewerRelations } from '../authz/index.ts';
import type { IdempotencyStore, PriceCache } from '../cache/index.ts';
import type { ResponseBudget } from '../limits/index.ts';
import type { ClientName } from '../config/clientNames.ts';
import type { CallOptions } from '../transport/types.ts';
import type { Upstreams } from '../upstreams/index.ts';
import type { Loaders } from './loaders/createLoaders.ts';

/**
 * The per-request context every resolver of every subgraph receives (by reference: subgraphs run
 * in-process), so one set of DataLoaders serves the whole operation.
 */
export interface RequestContext {
  readonly client: ClientName;
  /** Null for an anonymous web visitor. */
  readonly viewer: Viewer | null;
  /** Absolute deadline of the whole request, ms since the epoch. */
  readonly deadline: number;
  /** Aborted when the request is cancelled or its deadline passes. */
  readonly signal: AbortSignal;
  /** The request's id, sent to remote subgraphs as `x-request-id`. */
  readonly requestId: string;
  /** The client's headers as received; remote subgraphs get only those their configuration lists. */
  readonly headers: IncomingHttpHeaders;
  readonly upstreams: Upstreams;
  readonly loaders: Loaders;
  /** The caller's `Idempotency-Key` header, for mutations. */
  readonly idempotencyKey: string | undefined;
  /** Fresh prices are written through to it; `Product.price`'s CACHE fallback reads it. Absent: no price cache. */
  readonly priceCache?: PriceCache;
  /** Remembers `Idempotency-Key`s of writes. Absent: keys are not honoured by the gateway. */
  readonly idempotency?: IdempotencyStore;
  /**
   * Fields (`Type.field`) the edge refused before planning by token-only rules
   * (`TokenRules.denials`); they answer null with that code. Absent: the resolver wrappers decide alone.
   */
  readonly deniedFields?: ReadonlyMap<string, TokenDenial>;
  /** The viewer's relations to other people's data that owner rules ask about (offered trips, active trips). */
  readonly relations: ViewerRelations;
  /** The operation's estimated cost, from the edge (reported with the actual cost after execution). */
  readonly estimatedCost?: number;
  /** Result bytes the answer may still carry, charged per subgraph fetch. Absent: unbounded. */
  readonly responseBudget?: ResponseBudget;
  /** The services' event a subscription is resolving now (src/live): what changed, for the fields it carries (a driver's heading). Absent for queries. */
  readonly liveEvent?: DomainEvent;
}

/** Call options for a read (idempotent: may be retried on another instance). */
export function readOptions(context: Pick<RequestContext, 'deadline' | 'signal'>): CallOptions {
  return { deadline: context.deadline, signal: context.signal, idempotent: true };
}

/** Call options for a write (never retried). */
export function writeOptions(context: Pick<RequestContext, 'deadline' | 'signal'>): CallOptions {
  return { deadline: context.deadline, signal: context.signal, idempotent: false };
}
