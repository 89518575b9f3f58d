/** Options every upstream call takes, REST or gRPC alike (what a caller gives `ServiceClient.call`). */
export interface CallOptions {
  /** Absolute deadline, ms since the epoch: no attempt runs past it. */
  readonly deadline: number;
  /** Aborts the call (the whole request was cancelled). */
  readonly signal?: AbortSignal;
  /** Reads are idempotent and may be retried on another instance; writes never are. */
  readonly idempotent: boolean;
  /**
   * Routes calls with the same key to the same instance when the service balances by consistent
   * hashing (`LB_POLICY_<SERVICE>=consistent_hash`), for cache affinity; e.g. a product id. Ignored by
   * other policies.
   */
  readonly affinityKey?: string;
}

/** An HTTP/JSON request to a REST service. */
export interface RestRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path without query, e.g. `/riders`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number>>;
  /** Sent as JSON. */
  readonly body?: unknown;
}

/** One fetch of a query plan to a remote GraphQL subgraph (GraphQL over HTTP, POST JSON). */
export interface GraphQLFetch {
  /** The plan's operation text, sent as is (never printed per request). */
  readonly query: string;
  readonly operationName?: string;
  readonly variables?: Readonly<Record<string, unknown>>;
  /** Headers of this fetch beyond the protocol's own: request id, identity token, forwarded client headers. */
  readonly headers: Readonly<Record<string, string>>;
}

/** A GraphQL answer as received, its shape checked: `data` an object or null, `errors` a list of objects with a message. */
export interface GraphQLFetchResult {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly RemoteGraphQLError[];
  /** HTTP status of the answer (a GraphQL-over-HTTP server answers 400 for a request it cannot execute). */
  readonly status: number;
}

/** A GraphQL error as a remote subgraph sent it. */
export interface RemoteGraphQLError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** A unary gRPC call. */
export interface GrpcRequest {
  /** Method name as in the .proto, e.g. `GetDrivers`. */
  readonly method: string;
  readonly message: object;
}

/**
 * One upstream service, whatever its protocol. Failures reject with a `GatewayError`
 * (`SERVICE_UNAVAILABLE`, `NO_INSTANCES`, `UPSTREAM_ERROR`, `NOT_FOUND`, `CONFLICT`,
 * `BAD_REQUEST`, `DEADLINE_EXCEEDED`) naming the service.
 */
export interface ServiceClient<Req> {
  readonly service: string;
  call<Res>(request: Req, options: CallOptions): Promise<Res>;
}

/** The wire protocol a transport speaks (the registry's `protocol` of the instances it can call). */
export type TransportProtocol = 'http' | 'grpc' | 'graphql';

/** Where and how long ONE attempt runs: the transport's whole view of the call. */
export interface AttemptTarget {
  /** `host:port` of the instance the caller picked. */
  readonly address: string;
  /** What the instance registered about itself (e.g. a GraphQL subgraph's `path`). Absent: nothing. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Absolute deadline of this attempt, ms since the epoch (sent as the gRPC deadline / `x-deadline-ms`). */
  readonly deadline: number;
  /** Aborts the attempt (its timeout passed, or the whole request was cancelled). */
  readonly signal: AbortSignal;
}

/**
 * One protocol's client: makes exactly one attempt on the instance it is given, under the signal
 * and deadline it is given; no retry, no picking, no registry (`src/resilience` does those).
 * Failures reject with a `GatewayError` naming the service (`SERVICE_UNAVAILABLE`,
 * `UPSTREAM_ERROR`, `NOT_FOUND`, `CONFLICT`, `BAD_REQUEST`, `UPSTREAM_REJECTED_REQUEST`,
 * `DEADLINE_EXCEEDED`).
 */
export interface Transport<Req> {
  readonly service: string;
  readonly protocol: TransportProtocol;
  attempt<Res>(request: Req, target: AttemptTarget): Promise<Res>;
  /** Told the addresses still live after every change of the fleet, to drop per-address state (channels). Optional. */
  retain?(addresses: ReadonlySet<string>): void;
}
