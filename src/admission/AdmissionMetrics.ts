import { Counter, Gauge, type Registry } from 'prom-client';

/** Why a request was refused at the door: `in_flight` (concurrency limit) or `event_loop` (loop delay). */
export type ShedReason = 'in_flight' | 'event_loop';

/** Which rate limit refused a request: per user, per anonymous address, per client app, per mutation field. */
export type RateLimitScope = 'user' | 'address' | 'client' | 'mutation';

/** What the metrics read at scrape time; a part that is off answers undefined from the start and gets no gauge. */
export interface AdmissionGauges {
  /** The concurrency limit now; undefined when it is off. */
  limit(): number | undefined;
  inFlight(): number;
  /** The last window's p99 event-loop delay, ms; undefined when the monitor is off. */
  eventLoopP99Ms(): number | undefined;
  /** Whether the rate limits' Redis answered its last call; undefined without Redis. */
  rateLimitStoreHealthy(): boolean | undefined;
}

/**
 * Admission and rate-limit metrics, registered in the gateway's registry (served at `/metrics`):
 * `bff_admission_limit`, `bff_admission_in_flight`, `bff_admission_shed_total{client,reason}`,
 * `bff_event_loop_delay_p99_seconds`, `bff_rate_limited_total{client,scope}`,
 * `bff_rate_limit_store_healthy` (the gauges of parts that are off are left out).
 */
export class AdmissionMetrics {
  readonly #shed: Counter<'client' | 'reason'>;
  readonly #limited: Counter<'client' | 'scope'>;

  constructor(registry: Registry, gauges: AdmissionGauges) {
    const registers = [registry];
    // A part that is off has no gauge at all (a gauge never set would read 0).
    if (gauges.limit() !== undefined) {
      new Gauge({
        name: 'bff_admission_limit',
        help: 'Adaptive limit of GraphQL requests in flight.',
        registers,
        collect() {
          this.set(gauges.limit() ?? 0);
        },
      });
    }
    new Gauge({
      name: 'bff_admission_in_flight',
      help: 'GraphQL requests admitted and not yet answered.',
      registers,
      collect() {
        this.set(gauges.inFlight());
      },
    });
    if (gauges.eventLoopP99Ms() !== undefined) {
      new Gauge({
        name: 'bff_event_loop_delay_p99_seconds',
        help: 'p99 event-loop delay over the last admission window, seconds.',
        registers,
        collect() {
          this.set((gauges.eventLoopP99Ms() ?? 0) / 1000);
        },
      });
    }
    if (gauges.rateLimitStoreHealthy() !== undefined) {
      new Gauge({
        name: 'bff_rate_limit_store_healthy',
        help: "1 while the rate limits' Redis answers, 0 while this process's counters decide.",
        registers,
        collect() {
          this.set(gauges.rateLimitStoreHealthy() ? 1 : 0);
        },
      });
    }
    this.#shed = new Counter({
      name: 'bff_admission_shed_total',
      help: 'GraphQL requests refused with 503 OVERLOADED before any work, by client and reason (in_flight, event_loop).',
      labelNames: ['client', 'reason'],
      registers,
    });
    this.#limited = new Counter({
      name: 'bff_rate_limited_total',
      help: 'GraphQL requests refused with 429 RATE_LIMITED, by client and scope (user, address, client, mutation).',
      labelNames: ['client', 'scope'],
      registers,
    });
  }

  /** Counts one request shed with 503. */
  shed(client: string, reason: ShedReason): void {
    this.#shed.inc({ client, reason });
  }

  /** Counts one request refused with 429. */
  rateLimited(client: string, scope: RateLimitScope): void {
    this.#limited.inc({ client, scope });
  }
}
