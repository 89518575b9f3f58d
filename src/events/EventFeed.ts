import type { DomainEvent, RoutingKey } from './DomainEvent.ts';

/** How the broker connection is doing, for `/readyz` and logs. */
export interface EventFeedStatus {
  readonly connected: boolean;
  /** Routing keys bound now (one binding per key, however many listeners). */
  readonly bindings: number;
  /** When the connection was last lost, if it is down now (ISO-8601). */
  readonly downSince?: string;
  /** True when live events are turned off (`AMQP_URL=off`): the feed never emits. */
  readonly disabled?: boolean;
}

/**
 * The gateway's side of the services' events: one exclusive, auto-delete queue per replica, bound
 * to exactly the routing keys its listeners need (bound on the first listener of a key, unbound
 * after the last). It reconnects with backoff when the broker goes away and restores the bindings.
 */
export interface EventFeed {
  /** Calls `listener` with each event published under `routingKey` until the returned function is called. */
  listen(routingKey: RoutingKey, listener: (event: DomainEvent) => void): () => void;
  /**
   * Calls `listener` each time the broker connection comes back after a loss, once the bindings
   * are restored: events published meanwhile are lost, so subscribers re-read current state.
   */
  onResumed(listener: () => void): () => void;
  /**
   * Resolves once `routingKey` (listened to) is bound on the broker, or at once when the feed is
   * disconnected, disabled or closed (then `onResumed` covers the gap). Read the current state after
   * it, so no change is published between the read and the binding. Optional: feeds without it bind at once.
   */
  bound?(routingKey: RoutingKey): Promise<void>;
  status(): EventFeedStatus;
  close(): Promise<void>;
}
