import type { RateLimitScope } from './AdmissionMetrics.ts';
import type { Refusal } from './Refusal.ts';
import type { ViewerKey } from './viewerKeyOf.ts';
import type { WindowCheck, WindowCounters } from './WindowCounters.ts';

/** The limits of {@link RateLimits}; each 0 = off. */
export interface RateLimitValues {
  /** Requests per signed-in user and client app, per minute. */
  readonly userPerMinute: number;
  /** Requests per anonymous caller's address and client app, per minute. */
  readonly anonymousPerMinute: number;
  /** Requests per client app across all callers (and replicas, with Redis), per second. */
  readonly clientPerSecond: number;
  /** Calls of a mutation root field per caller, per minute, unless the field has its own limit. */
  readonly mutationPerMinute: number;
  /** Per-field mutation limits per caller, per minute (`requestRide`: 20 by default). */
  readonly mutationFieldPerMinute: Readonly<Record<string, number>>;
}

/** Options of {@link RateLimits}; validated once in the constructor. */
export interface RateLimitsOptions {
  readonly limits: RateLimitValues;
  /** Where requests are counted (Redis behind a guard, or this process). */
  readonly counters: WindowCounters;
  /** Key prefix (`CACHE_NAMESPACE`): keys are `<namespace>:rl:v1:<scope>:...`. */
  readonly namespace: string;
  /** Told of each refused request (metrics). */
  readonly onLimited?: (client: string, scope: RateLimitScope) => void;
}

/** What a request is checked as: its client app and its caller. */
export interface RateLimitSubject {
  /** `passenger`, `driver` or `web`. */
  readonly client: string;
  readonly viewerKey: ViewerKey;
}

const minuteMs = 60_000;
const secondMs = 1_000;

interface ScopedCheck extends WindowCheck {
  readonly scope: RateLimitScope;
  readonly message: (retryAfterSeconds: number) => string;
}

/**
 * Sliding-window rate limits (429 RATE_LIMITED with `Retry-After`): {@link checkRequest} per
 * caller (user, or anonymous address) and per client app, before the body is read;
 * {@link checkMutation} per caller and mutation root field, once the operation is known. Each
 * returns undefined when the request may go on (and counts it), else the refusal to send with
 * `sendRefusal`. A refused request uses none of its caller's budget. Never rejects: the counters
 * never do.
 */
export class RateLimits {
  readonly #limits: RateLimitValues;
  readonly #counters: WindowCounters;
  readonly #prefix: string;
  readonly #onLimited: (client: string, scope: RateLimitScope) => void;

  constructor(options: RateLimitsOptions) {
    const { limits } = options;
    const named: [string, number][] = [
      ['userPerMinute', limits.userPerMinute],
      ['anonymousPerMinute', limits.anonymousPerMinute],
      ['clientPerSecond', limits.clientPerSecond],
      ['mutationPerMinute', limits.mutationPerMinute],
      ...Object.entries(limits.mutationFieldPerMinute).map(([field, limit]): [string, number] => [`mutationFieldPerMinute.${field}`, limit]),
    ];
    for (const [name, value] of named) {
      if (!Number.isInteger(value) || value < 0) throw new TypeError(`RateLimits: ${name} must be a whole number ≥ 0 (0 = off), got ${value}.`);
    }
    if (!options.namespace) throw new TypeError(`RateLimits: namespace must not be empty, got ${JSON.stringify(options.namespace)}.`);
    this.#limits = limits;
    this.#counters = options.counters;
    this.#prefix = `${options.namespace}:rl:v1`;
    this.#onLimited = options.onLimited ?? (() => undefined);
  }

  /** Checks and counts a request against its caller's and its client app's limits (needs no document). */
  checkRequest(subject: RateLimitSubject): Promise<Refusal | undefined> {
    const { client, viewerKey } = subject;
    const checks: ScopedCheck[] = [];
    if (viewerKey.kind === 'user' && this.#limits.userPerMinute > 0) {
      const limit = this.#limits.userPerMinute;
      checks.push({
        scope: 'user',
        key: `${this.#prefix}:user:${client}:${viewerKey.id}`,
        limit,
        windowMs: minuteMs,
        message: (s) => `Too many requests from this user: at most ${limit} a minute. Retry after ${s} s.`,
      });
    }
    if (viewerKey.kind === 'address' && this.#limits.anonymousPerMinute > 0) {
      const limit = this.#limits.anonymousPerMinute;
      checks.push({
        scope: 'address',
        key: `${this.#prefix}:address:${client}:${viewerKey.address}`,
        limit,
        windowMs: minuteMs,
        message: (s) => `Too many requests from this address: at most ${limit} a minute without signing in. Retry after ${s} s.`,
      });
    }
    if (this.#limits.clientPerSecond > 0) {
      const limit = this.#limits.clientPerSecond;
      checks.push({
        scope: 'client',
        key: `${this.#prefix}:client:${client}`,
        limit,
        windowMs: secondMs,
        message: (s) => `Too many requests from the ${client} app right now: at most ${limit} a second. Retry after ${s} s.`,
      });
    }
    return this.#check(client, checks);
  }

  /**
   * Checks and counts a mutation's root fields (e.g. `['requestRide']`) against the caller's
   * per-field limits: `requestRide` 20 a minute, other fields the general mutation limit.
   */
  checkMutation(subject: RateLimitSubject & { readonly fields: readonly string[] }): Promise<Refusal | undefined> {
    const { client, viewerKey } = subject;
    const caller = viewerKey.kind === 'user' ? `user:${viewerKey.id}` : `address:${viewerKey.address}`;
    const checks: ScopedCheck[] = [];
    for (const field of new Set(subject.fields)) {
      const own = this.#limits.mutationFieldPerMinute;
      const limit = Object.hasOwn(own, field) ? own[field]! : this.#limits.mutationPerMinute;
      if (limit === 0) continue;
      checks.push({
        scope: 'mutation',
        key: `${this.#prefix}:mutation:${field}:${client}:${caller}`,
        limit,
        windowMs: minuteMs,
        message: (s) => `Too many ${field} calls: at most ${limit} a minute. Retry after ${s} s.`,
      });
    }
    return this.#check(client, checks);
  }

  async #check(client: string, checks: readonly ScopedCheck[]): Promise<Refusal | undefined> {
    if (checks.length === 0) return undefined;
    const verdict = await this.#counters.consume(checks.map(({ key, limit, windowMs }) => ({ key, limit, windowMs })));
    if (verdict.allowed) return undefined;
    const check = checks[verdict.index]!;
    this.#onLimited(client, check.scope);
    const retryAfterSeconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
    return { code: 'RATE_LIMITED', retryAfterSeconds, message: check.message(retryAfterSeconds) };
  }
}
