import type { Channel, ConsumeMessage } from 'amqplib';
import type { Backoff } from './backoffDelay.ts';
import { eventExchange, type DomainEvent, type RoutingKey } from './DomainEvent.ts';
import type { EventFeed, EventFeedStatus } from './EventFeed.ts';
import { parseDomainEvent } from './parseDomainEvent.ts';
import { ReconnectingChannel } from './ReconnectingChannel.ts';
import { routingKeyOf } from './routingKeys.ts';

/** Options of {@link AmqpEventFeed}. */
export interface AmqpEventFeedOptions {
  /** `amqp://user:pass@host:port[/vhost]`. */
  readonly url: string;
  /** Where connection changes and dropped messages are reported (default `console.warn`). */
  readonly log?: (line: string) => void;
  /** Unacknowledged deliveries the broker may push at once (default 256): bounds what one slow turn of the loop buffers. */
  readonly prefetch?: number;
  readonly backoff?: Backoff;
}

type Listener = (event: DomainEvent) => void;

/** One connection's queue and what is bound to it now. */
interface Session {
  readonly channel: Channel;
  readonly queue: string;
  readonly bound: Set<RoutingKey>;
}

/**
 * The gateway's {@link EventFeed} over RabbitMQ: a server-named, exclusive, auto-delete queue on
 * the `ride.events` topic exchange, bound to exactly the keys someone listens to. Messages are
 * validated; a malformed one is dropped with one log line. After a reconnect the bindings are
 * restored before the `onResumed` listeners run.
 */
export class AmqpEventFeed implements EventFeed {
  readonly #listeners = new Map<RoutingKey, Set<Listener>>();
  readonly #resumedListeners = new Set<() => void>();
  readonly #waiters = new Map<RoutingKey, Array<() => void>>();
  readonly #log: (line: string) => void;
  readonly #link: ReconnectingChannel<Session>;
  #session: Session | undefined;
  /** Binds and unbinds run one at a time, in order. */
  #ops: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: AmqpEventFeedOptions) {
    this.#log = options.log ?? ((line) => console.warn(line));
    const prefetch = options.prefetch ?? 256;
    this.#link = new ReconnectingChannel<Session>({
      url: options.url,
      name: 'event feed',
      log: this.#log,
      backoff: options.backoff,
      setup: async (channel) => {
        await channel.assertExchange(eventExchange, 'topic', { durable: false });
        await channel.prefetch(prefetch);
        const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
        const bound = new Set<RoutingKey>();
        for (const key of [...this.#listeners.keys()]) {
          await channel.bindQueue(queue, eventExchange, key);
          bound.add(key);
        }
        const session: Session = { channel, queue, bound };
        await channel.consume(queue, (message) => this.#deliver(session, message));
        return session;
      },
      onUp: (_channel, session, resumed) => {
        this.#session = session;
        this.#reconcile();
        if (resumed) {
          // After the bindings changed meanwhile are reconciled: a listener re-reading state then sees every later event.
          this.#ops = this.#ops.then(() => {
            if (this.#session !== session) return;
            for (const listener of [...this.#resumedListeners]) this.#call(() => listener(), 'onResumed listener');
          });
        }
      },
      onDown: () => {
        this.#session = undefined;
        this.#releaseWaiters(() => true);
      },
    });
  }

  listen(routingKey: RoutingKey, listener: (event: DomainEvent) => void): () => void {
    if (this.#closed) return () => undefined;
    let listeners = this.#listeners.get(routingKey);
    if (!listeners) {
      listeners = new Set();
      this.#listeners.set(routingKey, listeners);
      this.#reconcile();
    }
    // A wrapper per call, so the same function listening twice is removed once per unsubscribe.
    const entry: Listener = (event) => listener(event);
    listeners.add(entry);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const current = this.#listeners.get(routingKey);
      current?.delete(entry);
      if (current && current.size === 0) {
        this.#listeners.delete(routingKey);
        this.#reconcile();
      }
    };
  }

  /**
   * Resolves once `routingKey` is bound on the broker (events published from then on reach its
   * listeners), or at once while the feed is disconnected or closed (then `onResumed` follows the
   * reconnect). Lets a subscriber read the current state only after its binding is in place.
   */
  bound(routingKey: RoutingKey): Promise<void> {
    const session = this.#session;
    if (this.#closed || !session || session.bound.has(routingKey) || !this.#listeners.has(routingKey)) return Promise.resolve();
    return new Promise((resolve) => {
      const waiters = this.#waiters.get(routingKey) ?? [];
      waiters.push(resolve);
      this.#waiters.set(routingKey, waiters);
    });
  }

  onResumed(listener: () => void): () => void {
    const entry = (): void => listener();
    this.#resumedListeners.add(entry);
    return () => void this.#resumedListeners.delete(entry);
  }

  status(): EventFeedStatus {
    const session = this.#session;
    const downSince = this.#link.downSince;
    return {
      connected: session !== undefined,
      bindings: session?.bound.size ?? 0,
      ...(session === undefined && downSince ? { downSince: downSince.toISOString() } : {}),
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
    this.#resumedListeners.clear();
    this.#releaseWaiters(() => true);
    await this.#link.close();
  }

  /** Brings the session's bindings in line with the listened keys, one broker call at a time. */
  #reconcile(): void {
    this.#ops = this.#ops
      .then(async () => {
        const session = this.#session;
        if (!session) return;
        for (const key of [...this.#listeners.keys()]) {
          if (session.bound.has(key) || !this.#listeners.has(key)) continue;
          await session.channel.bindQueue(session.queue, eventExchange, key);
          session.bound.add(key);
        }
        for (const key of [...session.bound]) {
          if (this.#listeners.has(key)) continue;
          await session.channel.unbindQueue(session.queue, eventExchange, key);
          session.bound.delete(key);
        }
        this.#releaseWaiters((key) => session.bound.has(key) || !this.#listeners.has(key));
      })
      .catch((error: unknown) => {
        // The channel failed under us: the reconnect restores every binding.
        this.#log(`event feed: binding failed (${(error as Error).message}); restored on reconnect`);
        this.#releaseWaiters(() => true);
      });
  }

  #releaseWaiters(done: (key: RoutingKey) => boolean): void {
    for (const [key, waiters] of [...this.#waiters]) {
      if (!done(key)) continue;
      this.#waiters.delete(key);
      for (const resolve of waiters) resolve();
    }
  }

  #deliver(session: Session, message: ConsumeMessage | null): void {
    if (message === null) {
      // The broker cancelled our consumer (the queue went away): start over on a fresh channel.
      this.#log('event feed: the broker cancelled the consumer; reconnecting');
      void session.channel.close().catch(() => undefined);
      return;
    }
    try {
      session.channel.ack(message);
    } catch {
      // The channel closed meanwhile; the message is delivered anyway (it was received).
    }
    const routingKey = message.fields.routingKey;
    const parsed = parseDomainEvent(message.content);
    if (!parsed.ok) {
      this.#log(`event feed: dropped a malformed message on ${JSON.stringify(routingKey)} (${parsed.problem})`);
      return;
    }
    if (routingKeyOf(parsed.event) !== routingKey) {
      this.#log(`event feed: dropped a ${parsed.event.type} event published under the wrong key ${JSON.stringify(routingKey)}`);
      return;
    }
    const listeners = this.#listeners.get(routingKey);
    if (!listeners) return;
    for (const listener of [...listeners]) this.#call(() => listener(parsed.event), `listener of ${routingKey}`);
  }

  #call(run: () => void, what: string): void {
    try {
      run();
    } catch (error) {
      this.#log(`event feed: a ${what} threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
