import type { ExpectedAudience } from '../auth/index.ts';
import type { TrustedDocumentsPolicy } from '../config/index.ts';
import type { TokenRules } from '../authz/index.ts';
import type { OperationGuard } from '../limits/index.ts';
import type { PersistedQueries } from './automaticPersistedQuery.ts';
import type { ClientEndpoint } from './ClientEndpoint.ts';
import type { CachePolicy } from './httpCaching.ts';
import type { EdgeContext } from './EdgeContext.ts';

/**
 * One GraphQL path the edge serves and how: a client app's `/<client>/graphql` in the default mode,
 * or `/graphql` in plain federation mode. Every route goes through the same steps (readiness,
 * admission, token, rate limits, body, limits, deadline, context, Apollo Server); only what is
 * here differs.
 */
export interface GraphQLRoute<TName extends string, TContext extends EdgeContext> {
  /** Whom the route serves (a client app, or `plain`): the metrics' and rate limits' `client` label, and the request's `client`. */
  readonly name: TName;
  readonly endpoint: ClientEndpoint<TContext>;
  /** The tokens it accepts and whether one is required. */
  readonly audience: ExpectedAudience;
  /** Its limits, checked before planning (plain mode's follows the supergraph as it is swapped). */
  readonly guard: Pick<OperationGuard, 'check'>;
  /** Token-only authorization rules (`@authenticated`, `@requiresScopes`). Absent: none. */
  readonly tokenRules?: Pick<TokenRules, 'denials'>;
  /** Whole-request deadline, ms (a client may lower it with `x-request-deadline-ms`). */
  readonly deadlineMs: number;
  /** Bytes of result data an answer may carry. */
  readonly maxResponseBytes: number;
  /** `required`: documents named by id only (PERSISTED_QUERY_REQUIRED otherwise); `allowed`: ids and query text. Absent: allowed. */
  readonly trustedDocuments?: TrustedDocumentsPolicy;
  /**
   * Automatic persisted queries (Apollo's protocol), resolved at the edge before the limits.
   * Absent: off for this route (e.g. trusted documents required), answered PERSISTED_QUERY_NOT_SUPPORTED.
   */
  readonly persistedQueries?: PersistedQueries;
  /** How long, and for whom, an answer selecting these `Type.field`s may be cached (GET only). Absent: never cached. */
  readonly cachePolicy?: (coordinates: ReadonlySet<string>) => CachePolicy;
  /** The playground page a browser gets at this path, rendered per request (its demo tokens are fresh). Absent: none. */
  readonly playgroundPage?: () => Promise<string>;
}
