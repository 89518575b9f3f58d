/**
 * Live domain events over RabbitMQ: the shapes (`DomainEvent.ts`), the gateway's feed, the
 * services' publisher and the geo cells of ride offers. A leaf: it imports nothing of the gateway
 * (the demo fleet uses it too), only amqplib and zod.
 */
import type { Backoff } from './backoffDelay.ts';
import { AmqpEventFeed } from './AmqpEventFeed.ts';
import { DisabledEventFeed } from './DisabledEventFeed.ts';
import type { EventFeed } from './EventFeed.ts';
import { AmqpEventPublisher, DisabledEventPublisher, type EventPublisher } from './EventPublisher.ts';

export type { DomainEvent, DriverLocationEvent, RideOfferEvent, RoutingKey, TripStatusEvent } from './DomainEvent.ts';
export { eventExchange } from './DomainEvent.ts';
export type { EventFeed, EventFeedStatus } from './EventFeed.ts';
export { AmqpEventFeed, type AmqpEventFeedOptions } from './AmqpEventFeed.ts';
export { DisabledEventFeed } from './DisabledEventFeed.ts';
export { AmqpEventPublisher, DisabledEventPublisher, type AmqpEventPublisherOptions, type EventPublisher } from './EventPublisher.ts';
export { cellOf, cellsNear, cellSizeDegrees } from './cells.ts';
export { driverLocationKey, offersKey, routingKeyOf, tripStatusKey } from './routingKeys.ts';
export { parseDomainEvent, type ParsedEvent } from './parseDomainEvent.ts';
export { defaultAmqpUrl, parseAmqpUrl } from './eventsUrl.ts';
export type { Backoff } from './backoffDelay.ts';

/** The events settings a feed or publisher is made from (the gateway's `config.events`). */
export interface EventsSettings {
  /** The broker; undefined: live events are off. */
  readonly amqpUrl: string | undefined;
}

/** Extra options for tests and tuning. */
export interface EventFactoryOptions {
  readonly backoff?: Backoff;
  readonly prefetch?: number;
}

/**
 * The gateway's event feed: an {@link AmqpEventFeed} (returns at once; connects in the background),
 * or a {@link DisabledEventFeed} that never emits when `amqpUrl` is undefined (`AMQP_URL=off`).
 */
export function createEventFeed(settings: EventsSettings, log: (line: string) => void = (line) => console.warn(line), options: EventFactoryOptions = {}): EventFeed {
  if (settings.amqpUrl === undefined) return new DisabledEventFeed();
  return new AmqpEventFeed({ url: settings.amqpUrl, log, ...options });
}

/** A service's publisher: AMQP, or one that drops everything when `amqpUrl` is undefined. */
export function createEventPublisher(settings: EventsSettings, log: (line: string) => void = (line) => console.warn(line), name = 'event publisher'): EventPublisher {
  if (settings.amqpUrl === undefined) return new DisabledEventPublisher();
  return new AmqpEventPublisher({ url: settings.amqpUrl, log, name });
}
