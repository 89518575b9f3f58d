import type { DomainEvent } from '../events/DomainEvent.ts';
import type { IncomingHttpHeaders } from 'node:http';
import type { TokenDenial } from '../authz/index.ts';
import type { IdempotencyStore, PriceCache } from '../cache/index.ts';
import type { ResponseBudget } from '../limits/index.ts';
import type { ClientName } from '../config/clientNames.ts';
import type { Upstreams } from '../upstreams/index.ts';
import { createLoaders } from './loaders/createLoaders.ts';
import type { Viewer } from '../auth/index.ts';
import { readOptions, type RequestContext } from './RequestContext.ts';
import { RequestRelations } from './RequestRelations.ts';

/** What the edge knows about a request when it hands it to the subgraphs. */
export interface RequestContextInit {
  readonly client: ClientName;
  readonly viewer: Viewer | null;
  readonly deadline: number;
  readonly signal: AbortSignal;
  /** The request's id, sent to remote subgraphs as `x-request-id`. */
  readonly requestId: string;
  /** The client's headers as received; remote subgraphs get only those their configuration lists. */
  readonly headers: IncomingHttpHeaders;
  readonly upstreams: Upstreams;
  readonly idempotencyKey: string | undefined;
  readonly priceCache?: PriceCache;
  readonly idempotency?: IdempotencyStore;
  /** Token-only denials decided at the edge before planning (`TokenRules.denials`). */
  readonly deniedFields?: ReadonlyMap<string, TokenDenial>;
  readonly estimatedCost?: number;
  readonly responseBudget?: ResponseBudget;
  /** The services' event a subscription is resolving now (src/live): what changed, for the fields it carries (a driver's heading). Absent for queries. */
  readonly liveEvent?: DomainEvent;
}

/** A fresh per-request context; its DataLoaders are created on first use. */
export function createRequestContext(init: RequestContextInit): RequestContext {
  const loaders = createLoaders({ upstreams: init.upstreams, options: readOptions(init), priceCache: init.priceCache });
  return { ...init, loaders, relations: new RequestRelations(init.viewer, loaders) };
}
