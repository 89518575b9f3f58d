import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The gateway's Prometheus metrics, served as text at `/metrics`. */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly #requests: Counter<'client' | 'status'>;
  readonly #duration: Histogram<'client'>;
  readonly #cost: Histogram<'client' | 'kind'>;
  readonly #schema: Gauge<'client' | 'version' | 'hash'>;
  readonly #schemaLabels = new Map<string, { client: string; version: string; hash: string }>();

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
    this.#cost = new Histogram({
      name: 'bff_operation_cost',
      help: 'Cost of operations (IBM cost model): kind="estimated" before execution, kind="actual" as answered.',
      labelNames: ['client', 'kind'],
      buckets: [1, 10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000],
      registers: [this.registry],
    });
    this.#schema = new Gauge({
      name: 'bff_schema_info',
      help: "The schema each client is served: 1 for its current version (the published subgraph versions it includes, or 'repository') and supergraph hash.",
      labelNames: ['client', 'version', 'hash'],
      registers: [this.registry],
    });
  }

  /** Records the schema a client is served now (the previous one's series is removed). */
  setSchema(client: string, version: string, hash: string): void {
    const previous = this.#schemaLabels.get(client);
    if (previous) this.#schema.remove(previous);
    const labels = { client, version, hash };
    this.#schemaLabels.set(client, labels);
    this.#schema.set(labels, 1);
  }

  /** Records one executed operation's estimated and actual cost. */
  observeCost(client: string, estimated: number, actual: number): void {
    this.#cost.observe({ client, kind: 'estimated' }, estimated);
    this.#cost.observe({ client, kind: 'actual' }, actual);
  }

  /** Records one answered request. */
  observeRequest(client: string, status: number, seconds: number): void {
    this.#requests.inc({ client, status: String(status) });
    this.#duration.observe({ client }, seconds);
  }
}
