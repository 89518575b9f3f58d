/** Options every upstream call takes, REST or gRPC alike. */
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
  /**
   * Set by a caller that runs its own retries (`src/resilience`): the transport then makes ONE
   * attempt, on an instance not in the set when there is one (any instance otherwise), and adds the
   * instance it picked. Unset: the transport's own failover (one retry on another instance).
   */
  readonly triedInstances?: Set<string>;
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
