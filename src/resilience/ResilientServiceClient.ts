import type { CallOptions, ServiceClient } from '../transport/types.ts';
import type { ServicePolicy } from './ServicePolicy.ts';

/**
 * A `ServiceClient` decorator that runs every call of the wrapped client under its service's
 * {@link ServicePolicy} (deadline per attempt, retry, budget, breaker, bulkhead). Callers keep the
 * `ServiceClient` interface, so resolvers and loaders do not change.
 */
export class ResilientServiceClient<Req> implements ServiceClient<Req> {
  readonly service: string;
  readonly #inner: ServiceClient<Req>;
  readonly #policy: ServicePolicy;

  constructor(inner: ServiceClient<Req>, policy: ServicePolicy) {
    if (inner.service !== policy.service) {
      throw new TypeError(`ResilientServiceClient: the client is for ${inner.service} but the policy for ${policy.service}.`);
    }
    this.service = inner.service;
    this.#inner = inner;
    this.#policy = policy;
  }

  /** The policy every call runs under. */
  get policy(): ServicePolicy {
    return this.#policy;
  }

  call<Res>(request: Req, options: CallOptions): Promise<Res> {
    return this.#policy.execute((attemptOptions) => this.#inner.call<Res>(request, attemptOptions), options);
  }
}
