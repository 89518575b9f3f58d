import type { CallOptions, GrpcRequest, RestRequest, ServiceClient } from '../transport/types.ts';

/**
 * Sets each call's affinity key from one request field (the catalog's `affinityKey`), so that with
 * `LB_POLICY_<SERVICE>=consistent_hash` the same batch, whatever its order, reaches the same
 * instance and that instance's cache stays warm: the smallest of the field's values (a gRPC
 * message's string or string list; a REST query's comma-separated ids). A call that already has a
 * key, or whose request lacks the field, passes as it is.
 */
export class AffinityKeyClient<Req extends RestRequest | GrpcRequest> implements ServiceClient<Req> {
  readonly service: string;
  readonly #inner: ServiceClient<Req>;
  readonly #field: string;

  constructor(inner: ServiceClient<Req>, field: string) {
    this.service = inner.service;
    this.#inner = inner;
    this.#field = field;
  }

  /** Calls the wrapped client with the affinity key set. */
  call<Res>(request: Req, options: CallOptions): Promise<Res> {
    if (options.affinityKey !== undefined) return this.#inner.call(request, options);
    const key = smallest(valuesOf(request, this.#field));
    return this.#inner.call(request, key === undefined ? options : { ...options, affinityKey: key });
  }
}

function valuesOf(request: RestRequest | GrpcRequest, field: string): readonly unknown[] {
  const value: unknown = 'message' in request ? (request.message as Record<string, unknown>)[field] : request.query?.[field];
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return 'message' in request ? [value] : value.split(',');
  return [];
}

function smallest(values: readonly unknown[]): string | undefined {
  let least: string | undefined;
  for (const value of values) if (typeof value === 'string' && value !== '' && (least === undefined || value < least)) least = value;
  return least;
}
