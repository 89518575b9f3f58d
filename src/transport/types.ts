/** Options every upstream call takes, REST or gRPC alike. */
export interface CallOptions {
  /** Absolute deadline, ms since the epoch: no attempt runs past it. */
  readonly deadline: number;
  /** Aborts the call (the whole request was cancelled). */
  readonly signal?: AbortSignal;
  /** Reads are idempotent and may be retried on another instance; writes never are. */
  readonly idempotent: boolean;
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
