import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The gateway's Prometheus metrics, served as text at `/metrics`. */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly #requests: Counter<'client' | 'status'>;
  readonly #duration: Histogram<'client'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.#requests = new Counter({
      name: 'bff_http_requests_total',
      help: 'GraphQL HTTP requests by client and HTTP status.',
      labelNames: ['client', 'status'],
      registers: [this.registry],
    });
    this.#duration = new Histogram({
      name: 'bff_http_request_duration_seconds',
      help: 'Time to answer a GraphQL HTTP request, seconds.',
      labelNames: ['client'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
  }

  /** Records one answered request. */
  observeRequest(client: string, status: number, seconds: number): void {
    this.#requests.inc({ client, status: String(status) });
    this.#duration.observe({ client }, seconds);
  }
}
