import type { FormattedExecutionResult, GraphQLError } from 'graphql';
import type { DomainEvent, RoutingKey } from '../events/DomainEvent.ts';

/** One message to a subscriber: a GraphQL result, as a query's answer is formatted. */
export type LiveMessage = FormattedExecutionResult;

/** What one read of a subscription's state gives. */
export interface LiveRead {
  /** To send, in order (none when nothing newer than what was delivered). */
  readonly messages: readonly LiveMessage[];
  /** The routing keys the subscription needs now (listened to, the others dropped). */
  readonly keys: readonly RoutingKey[];
  /** The revision the read saw, per stream ({@link LiveSource.streamOf}): events not newer are dropped unread. */
  readonly revisions?: ReadonlyMap<string, number>;
  /** Complete the subscription once these messages are sent (the trip ended). */
  readonly done: boolean;
  /**
   * Read once more after listening to keys this read added: what was published between this read
   * and the new bindings (a ride offered meanwhile) would otherwise never come. Absent: false.
   */
  readonly rereadWhenBound?: boolean;
}

/**
 * What a subscription's root field reads and listens to (src/live/liveSources.ts): the first read
 * is the current state; each later one is triggered by an event (or a refresh after the broker came
 * back) and re-reads the state through the subscriber's selection.
 */
export interface LiveSource {
  /** Routing keys known before the first read, listened to before it so a change racing it is not lost. */
  readonly initialKeys: readonly RoutingKey[];
  /** Reads the current state. `trigger`: the event that prompted it; absent for the first read and refreshes. */
  read(trigger: DomainEvent | undefined, initial: boolean): Promise<LiveRead>;
  /**
   * The stream an event belongs to: waiting events of one stream replace each other (conflation),
   * and an event whose revision is not newer than its stream's last is dropped. E.g. a trip's status,
   * a driver's positions, one ride offer.
   */
  streamOf(routingKey: RoutingKey, event: DomainEvent): string;
}

/** The first read refused the subscription (e.g. another rider's trip): sent as the subscription's `error`. */
export class LiveRefusal extends Error {
  readonly errors: readonly GraphQLError[];

  constructor(errors: readonly GraphQLError[]) {
    super(errors.map((error) => error.message).join('; '));
    this.name = 'LiveRefusal';
    this.errors = errors;
  }
}
