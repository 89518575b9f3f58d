import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ShedReason } from './AdmissionMetrics.ts';
import type { ConcurrencyLimiter } from './ConcurrencyLimiter.ts';
import type { EventLoopDelayMonitor } from './EventLoopDelayMonitor.ts';
import type { Refusal } from './Refusal.ts';

/** Parts of {@link AdmissionController}; each absent part is off. */
export interface AdmissionControllerOptions {
  /** The adaptive in-flight limit (`ADMISSION_MAX_IN_FLIGHT=0`: absent). */
  readonly concurrency?: ConcurrencyLimiter;
  /** The event-loop-delay monitor, started by its owner (`ADMISSION_EVENT_LOOP_P99_MS=0`: absent). */
  readonly eventLoop?: EventLoopDelayMonitor;
  /** Told of each refused request (metrics). */
  readonly onShed?: (client: string, reason: ShedReason) => void;
}

/** Statuses that say the request failed from overload, whatever its latency: a congestion signal for the limit. */
const overloadStatuses = new Set([503, 504]);

/**
 * The door of the GraphQL endpoints: {@link admit} is the first thing a GraphQL request meets
 * (before token verification and body reading). While the event loop is overloaded, or the adaptive
 * limit's worth of requests is in flight, it refuses at once (503 OVERLOADED with `Retry-After`);
 * else it holds a slot until the response closes (answered or abandoned), releasing it exactly
 * once and feeding the request's latency (from the end of its body) to the limit. Health,
 * readiness and metrics never pass here, so they are never shed.
 */
export class AdmissionController {
  readonly #concurrency: ConcurrencyLimiter | undefined;
  readonly #eventLoop: EventLoopDelayMonitor | undefined;
  readonly #onShed: (client: string, reason: ShedReason) => void;

  constructor(options: AdmissionControllerOptions) {
    this.#concurrency = options.concurrency;
    this.#eventLoop = options.eventLoop;
    this.#onShed = options.onShed ?? (() => undefined);
  }

  /** The concurrency limit now; undefined when it is off. */
  get limit(): number | undefined {
    return this.#concurrency?.limit;
  }

  /** Admitted requests not yet answered. */
  get inFlight(): number {
    return this.#concurrency?.inFlight ?? 0;
  }

  /** The event-loop monitor's last window p99, ms; undefined when it is off. */
  get eventLoopP99Ms(): number | undefined {
    return this.#eventLoop?.lastP99Ms;
  }

  /** What `/readyz` shows (shedding never makes the gateway unready: it is answering). */
  details(): Record<string, unknown> {
    return {
      limit: this.limit ?? 'off',
      inFlight: this.inFlight,
      eventLoop: this.#eventLoop ? { overloaded: this.#eventLoop.overloaded, p99Ms: Math.round(this.#eventLoop.lastP99Ms) } : 'off',
    };
  }

  /**
   * Admits the request answered through `res` (its slot is released when `res` closes), or returns
   * why not; the caller then answers with {@link sendRefusal} and does nothing else.
   */
  admit(res: ServerResponse, client: string): Refusal | undefined {
    if (this.#eventLoop?.overloaded) {
      this.#onShed(client, 'event_loop');
      return {
        code: 'OVERLOADED',
        retryAfterSeconds: Math.ceil(this.#eventLoop.sustainMs / 1000),
        message: 'The gateway is overloaded (its event loop is lagging); retry after the time in Retry-After.',
      };
    }
    if (!this.#concurrency) return undefined;
    const slot = this.#concurrency.tryAcquire();
    if (!slot) {
      this.#onShed(client, 'in_flight');
      return {
        code: 'OVERLOADED',
        retryAfterSeconds: 1,
        message: 'The gateway is at its limit of requests in flight; retry after the time in Retry-After.',
      };
    }
    // The limit learns how long the gateway took, not how long a phone took to upload: the clock
    // restarts when the body has been read to its end (a GET's body is never read: from admission).
    const req = res.req as IncomingMessage | undefined;
    const bodyRead = () => slot.restartClock();
    req?.once('end', bodyRead);
    // 'close' fires once per response, after 'finish' or when the connection drops first.
    res.once('close', () => {
      req?.off('end', bodyRead);
      slot.release({ dropped: overloadStatuses.has(res.statusCode) });
    });
    return undefined;
  }
}
