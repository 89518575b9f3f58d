import type { DomainEvent, RoutingKey } from '../../src/events/DomainEvent.ts';
import type { EventFeed, EventFeedStatus } from '../../src/events/EventFeed.ts';

/** An in-process {@link EventFeed} for tests of what consumes events: `publish` delivers at once, `resume` plays a broker's return. */
export class MemoryEventFeed implements EventFeed {
  readonly #listeners = new Map<RoutingKey, Set<(event: DomainEvent) => void>>();
  readonly #resumed = new Set<() => void>();
  connected = true;

  listen(routingKey: RoutingKey, listener: (event: DomainEvent) => void): () => void {
    const set = this.#listeners.get(routingKey) ?? new Set();
    set.add(listener);
    this.#listeners.set(routingKey, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(routingKey);
    };
  }

  onResumed(listener: () => void): () => void {
    this.#resumed.add(listener);
    return () => this.#resumed.delete(listener);
  }

  status(): EventFeedStatus {
    return { connected: this.connected, bindings: this.#listeners.size };
  }

  async close(): Promise<void> {
    this.#listeners.clear();
    this.#resumed.clear();
  }

  /** Delivers `event` to the listeners of `routingKey`. */
  publish(routingKey: RoutingKey, event: DomainEvent): void {
    for (const listener of [...(this.#listeners.get(routingKey) ?? [])]) listener(event);
  }

  /** The routing keys bound now. */
  keys(): RoutingKey[] {
    return [...this.#listeners.keys()];
  }

  /** The broker came back: every onResumed listener is called. */
  resume(): void {
    for (const listener of [...this.#resumed]) listener();
  }
}
