import { SERVICE_NAMES, type FleetInstance, type StatsView } from '../src/demo/index.ts';

/** The demo fleet's fault control API (src/demo/README.md), as the bench uses it. */
export class FleetControl {
  readonly #url: string;

  constructor(controlUrl: string) {
    this.#url = controlUrl;
  }

  async #call<T>(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.#url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`fleet control ${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Every service answers after `latencyMs` more (fault mode `slow`), or normally for 0 (`ok`). */
  async setLatency(latencyMs: number): Promise<void> {
    const fault = latencyMs > 0 ? { mode: 'slow', latencyMs } : { mode: 'ok' };
    await Promise.all(SERVICE_NAMES.map((service) => this.#call('PUT', `/faults/${service}`, fault)));
  }

  /** Sets one service's fault mode (`down`, `ok`, ...). */
  async setMode(service: string, mode: string): Promise<void> {
    await this.#call('PUT', `/faults/${service}`, { mode });
  }

  /** Requests per service since the last reset (a batch counts once). */
  async stats(): Promise<Record<string, number>> {
    const view = await this.#call<StatsView>('GET', '/stats');
    return Object.fromEntries(Object.entries(view.services).map(([name, entry]) => [name, entry.requests]));
  }

  async resetStats(): Promise<void> {
    await this.#call('POST', '/stats/reset');
  }

  /** Every running instance process. */
  instances(): Promise<FleetInstance[]> {
    return this.#call<FleetInstance[]>('GET', '/instances');
  }
}
