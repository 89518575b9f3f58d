import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { IDENTITY_HEADER, type IdentitySubject, type IdentityTokens } from '../../auth/index.ts';
import { degradedMarker, fallbackCodes } from '../../degraded/index.ts';
import { isGatewayError, type ErrorCode } from '../../errors/index.ts';
import type { ResponseBudget } from '../../limits/index.ts';
import { blamesRequest, type GraphQLFetch, type GraphQLFetchResult, type RemoteGraphQLError, type ServiceClient } from '../../transport/index.ts';
import { responseTooLarge } from '../responseTooLarge.ts';
import { failedFetch, type FetchFailure } from './failedFetch.ts';
import { readFetchShape, type FetchShape } from './FetchShape.ts';
import { RemoteFallbacks } from './RemoteFallbacks.ts';

/** What a remote fetch reads from the request's context (the default mode's `RequestContext` and plain mode's both carry it). */
export interface RemoteFetchContext {
  /** Null for an anonymous caller: no identity token is sent. */
  readonly viewer: IdentitySubject | null;
  /** Absolute deadline of the whole request, ms since the epoch. */
  readonly deadline: number;
  /** Aborted when the request is cancelled or its deadline passes. */
  readonly signal: AbortSignal;
  /** Sent as `x-request-id`, so a subgraph's logs join the gateway's. */
  readonly requestId: string;
  /** The client's headers, of which only the configured ones are forwarded. */
  readonly headers: IncomingHttpHeaders;
  readonly responseBudget?: ResponseBudget;
}

/** Options of {@link RemoteSubgraphDataSource}. */
export interface RemoteSubgraphOptions {
  /** The subgraph's name: the identity token's audience. */
  readonly subgraph: string;
  /** Its service's call pipeline (deadline, retry, bulkhead, breaker, pick) over a {@link GraphQLClient}. */
  readonly client: ServiceClient<GraphQLFetch>;
  /** Its `@fallback` declarations (NULL, EMPTY), read when a fetch fails (a published SDL may change them). Default: none. */
  readonly fallbacks?: () => RemoteFallbacks;
  /** Signs the viewer's identity for it. Absent: no identity is sent. */
  readonly identity?: IdentityTokens;
  /** Client headers passed through, lower case. Default none. */
  readonly forwardHeaders?: readonly string[];
  /** Pass the client's `Authorization` too. Default false. */
  readonly forwardAuthorization?: boolean;
}

/** A subgraph that declares no fallback. */
const noFallbacks = new RemoteFallbacks(new Map());

/** Plan documents remembered by text; plans are cached, so this holds the few hundred a gateway plans. */
const maxShapes = 2_000;

/**
 * Executes a query plan's fetch on a remote GraphQL subgraph: the plan's operation text as is, with
 * the request's deadline, a request id and a gateway-signed identity token (never the client's
 * token unless configured), through the subgraph service's call pipeline. Query fetches may be
 * retried on another instance after a connection failure; mutation fetches never are.
 *
 * A fetch that fails (down, slow past its attempt deadline, 5xx, not JSON, not GraphQL, too large)
 * is answered here, field by field ({@link failedFetch}), so each field the fetch carried fails
 * alone, at its path. The subgraph's own GraphQL errors pass through with its service named: a
 * request's fault (`BAD_USER_INPUT`, ...) with its code; anything else as `UPSTREAM_ERROR` (its
 * message kept, its other extensions, e.g. stack traces, dropped), which the edge lists as degraded.
 */
export class RemoteSubgraphDataSource implements GraphQLDataSource {
  readonly #subgraph: string;
  readonly #client: ServiceClient<GraphQLFetch>;
  readonly #fallbacks: () => RemoteFallbacks;
  readonly #identity: IdentityTokens | undefined;
  readonly #forwardHeaders: readonly string[];
  readonly #shapes = new Map<string, FetchShape>();

  constructor(options: RemoteSubgraphOptions) {
    this.#subgraph = options.subgraph;
    this.#client = options.client;
    this.#fallbacks = options.fallbacks ?? (() => noFallbacks);
    this.#identity = options.identity;
    this.#forwardHeaders = [...(options.forwardHeaders ?? []), ...(options.forwardAuthorization ? ['authorization'] : [])];
  }

  async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const context = options.context as Partial<RemoteFetchContext>;
    const budget = context.responseBudget;
    if (budget?.exceeded) return responseTooLarge(budget.limitBytes);
    const { request } = options;
    const query = request.query ?? '';
    const shape = this.#shape(query);
    const fetch: GraphQLFetch = {
      query,
      ...(request.operationName ? { operationName: request.operationName } : {}),
      ...(request.variables ? { variables: request.variables } : {}),
      headers: await this.#headers(context),
    };
    let result: GraphQLFetchResult;
    try {
      result = await this.#client.call<GraphQLFetchResult>(fetch, {
        // A fetch outside a client request (none today) still gets a bound.
        deadline: context.deadline ?? Date.now() + 5_000,
        ...(context.signal ? { signal: context.signal } : {}),
        idempotent: shape.operation === 'query',
      });
    } catch (error) {
      return failedFetch(shape, request.variables, this.#failure(error), this.#fallbacks());
    }
    if (budget && !budget.charge(result.data)) return responseTooLarge(budget.limitBytes);
    return this.#relay(shape, request.variables, result);
  }

  #shape(query: string): FetchShape {
    let shape = this.#shapes.get(query);
    if (!shape) {
      shape = readFetchShape(query);
      if (this.#shapes.size >= maxShapes) this.#shapes.delete(this.#shapes.keys().next().value as string);
      this.#shapes.set(query, shape);
    }
    return shape;
  }

  async #headers(context: Partial<RemoteFetchContext>): Promise<Record<string, string>> {
    const headers: Record<string, string> = { 'x-request-id': context.requestId ?? randomUUID() };
    if (context.viewer && this.#identity) headers[IDENTITY_HEADER] = await this.#identity.token(context.viewer, this.#subgraph);
    for (const name of this.#forwardHeaders) {
      const value = context.headers?.[name];
      if (typeof value === 'string') headers[name] = value;
      else if (Array.isArray(value)) headers[name] = value.join(', ');
    }
    return headers;
  }

  #failure(error: unknown): FetchFailure {
    const service = this.#client.service;
    if (isGatewayError(error)) return { code: error.code, message: error.message, service: error.service ?? service };
    return { code: 'UPSTREAM_ERROR', message: `${this.#subgraph} failed.`, service };
  }

  /** The subgraph's answer with its errors relayed under this gateway's contract, and EMPTY fallbacks applied to fields that failed. */
  #relay(shape: FetchShape, variables: GraphQLFetch['variables'], result: GraphQLFetchResult): GatewayGraphQLResponse {
    const data = result.data;
    const errors = result.errors ?? [];
    if (data === null || data === undefined) {
      // Errors at paths (a non-null field nulled the whole answer): theirs to place, as given.
      if (errors.length > 0 && errors.every((error) => error.path)) return { data: null, errors: errors.map((error) => this.#relayed(error)) };
      // Errors of the whole request: every field of the fetch carries the first one, at its path.
      const first = errors[0] ? this.#relayed(errors[0]) : undefined;
      const failure = { code: (first?.extensions.code as ErrorCode | undefined) ?? 'UPSTREAM_ERROR', message: first?.message ?? `${this.#subgraph} answered no data.`, service: this.#client.service };
      return failedFetch(shape, variables, failure, noFallbacks);
    }
    if (errors.length === 0) return { data };
    return {
      data,
      errors: errors.map((error) => {
        const relayed = this.#relayed(error);
        const empty = blamesRequest(error) ? undefined : this.#emptyFallback(shape, variables, data, error);
        if (!empty) return relayed;
        return degradedMarker(error.path ?? [], empty, { service: this.#client.service, reason: relayed.extensions.code as string, fallback: 'empty' });
      }),
    };
  }

  /** A remote error under this gateway's contract: the request's fault keeps its code; anything else is `UPSTREAM_ERROR` (or the failure code it gave); only the code and the service pass. */
  #relayed(error: RemoteGraphQLError): GraphQLError {
    const remoteCode = error.extensions?.code as ErrorCode | undefined;
    const code: ErrorCode = blamesRequest(error) || fallbackCodes.has(remoteCode as ErrorCode) ? (remoteCode as ErrorCode) : 'UPSTREAM_ERROR';
    return new GraphQLError(error.message, { path: error.path, extensions: { code, service: this.#client.service } });
  }

  /**
   * When `error` is at a field the fetch selected at its top level, declared `@fallback(kind: EMPTY)`
   * and left null: sets it to `[]` in `data` and returns its coordinate.
   */
  #emptyFallback(shape: FetchShape, variables: GraphQLFetch['variables'], data: Record<string, unknown>, error: RemoteGraphQLError): string | undefined {
    const path = error.path;
    if (!path) return undefined;
    let parent: Record<string, unknown> | undefined;
    let coordinate: string | undefined;
    if (shape.entities && path.length === 3 && path[0] === shape.entities.responseName && typeof path[1] === 'number') {
      const entity = (data[shape.entities.responseName] as unknown[] | undefined)?.[path[1]] as Record<string, unknown> | null | undefined;
      // Plan fetches need not select __typename: the representation sent names the type.
      const representation = (variables?.representations as { __typename?: unknown }[] | undefined)?.[path[1]];
      const typeName = [entity?.__typename, representation?.__typename].find((name): name is string => typeof name === 'string');
      const field = typeName ? shape.entities.fieldsByType.get(typeName)?.find((candidate) => candidate.responseName === path[2]) : undefined;
      if (entity && field) [parent, coordinate] = [entity, `${typeName}.${field.fieldName}`];
    } else if (!shape.entities && path.length === 1) {
      const field = shape.rootFields.find((candidate) => candidate.responseName === path[0]);
      if (field) [parent, coordinate] = [data, `${shape.rootType}.${field.fieldName}`];
    }
    const key = path[path.length - 1] as string;
    if (!parent || !coordinate || parent[key] !== null || this.#fallbacks().kindOf(coordinate) !== 'EMPTY') return undefined;
    parent[key] = [];
    return coordinate;
  }
}
