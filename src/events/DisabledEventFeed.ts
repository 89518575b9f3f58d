import type { DomainEvent, RoutingKey } from './DomainEvent.ts';
import type { EventFeed, EventFeedStatus } from './EventFeed.ts';

/** The feed when live events are off (`AMQP_URL=off`): listeners are kept but never called. */
export class DisabledEventFeed implements EventFeed {
  listen(_routingKey: RoutingKey, _listener: (event: DomainEvent) => void): () => void {
    return () => undefined;
  }

  onResumed(_listener: () => void): () => void {
    return () => undefined;
  }

  bound(_routingKey: RoutingKey): Promise<void> {
    return Promise.resolve();
  }

  status(): EventFeedStatus {
    return { connected: false, bindings: 0, disabled: true };
  }

  async close(): Promise<void> {}
}
