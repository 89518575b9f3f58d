import type { Backoff } from './backoffDelay.ts';
import { eventExchange, type DomainEvent } from './DomainEvent.ts';
import { ReconnectingChannel } from './ReconnectingChannel.ts';
import { routingKeyOf } from './routingKeys.ts';

/** How a service publishes its domain events. `publish` never throws and never waits. */
export interface EventPublisher {
  /** Publishes under the event's routing key; while the broker is away the event is dropped (subscribers re-read state on resume). */
  publish(event: DomainEvent): void;
  readonly connected: boolean;
  /** Stops reconnecting and closes the connection; idempotent. */
  close(): Promise<void>;
}

/** Options of {@link AmqpEventPublisher}. */
export interface AmqpEventPublisherOptions {
  readonly url: string;
  /** Who publishes, for log lines (default `event publisher`). */
  readonly name?: string;
  readonly log?: (line: string) => void;
  readonly backoff?: Backoff;
}

/** Publishes to the `ride.events` topic exchange over a connection that reconnects with backoff. */
export class AmqpEventPublisher implements EventPublisher {
  readonly #link: ReconnectingChannel<void>;
  readonly #log: (line: string) => void;
  readonly #name: string;
  /** Events dropped in the current outage: the first is logged, the count when the broker is back. */
  #dropped = 0;

  constructor(options: AmqpEventPublisherOptions) {
    this.#log = options.log ?? ((line) => console.warn(line));
    this.#name = options.name ?? 'event publisher';
    this.#link = new ReconnectingChannel<void>({
      url: options.url,
      name: this.#name,
      log: this.#log,
      backoff: options.backoff,
      setup: async (channel) => {
        await channel.assertExchange(eventExchange, 'topic', { durable: false });
      },
      onUp: () => {
        if (this.#dropped > 0) this.#log(`${this.#name}: ${this.#dropped} event(s) dropped while the broker was away`);
        this.#dropped = 0;
      },
      onDown: () => undefined,
    });
  }

  get connected(): boolean {
    return this.#link.channel !== undefined;
  }

  publish(event: DomainEvent): void {
    const channel = this.#link.channel;
    const routingKey = routingKeyOf(event);
    if (channel) {
      try {
        // Not persistent: a live event is worth nothing later; subscribers re-read state after a loss.
        channel.publish(eventExchange, routingKey, Buffer.from(JSON.stringify(event)), { contentType: 'application/json', type: event.type });
        return;
      } catch {
        // The channel closed under us; counted as dropped below.
      }
    }
    if (this.#dropped === 0) this.#log(`${this.#name}: broker unavailable, dropped ${event.type} on ${routingKey} (later drops counted)`);
    this.#dropped += 1;
  }

  close(): Promise<void> {
    return this.#link.close();
  }
}

/** The publisher when live events are off: every event is dropped silently. */
export class DisabledEventPublisher implements EventPublisher {
  readonly connected = false;
  publish(_event: DomainEvent): void {}
  async close(): Promise<void> {}
}
