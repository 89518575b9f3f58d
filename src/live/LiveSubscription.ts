import type { DomainEvent, RoutingKey } from '../events/DomainEvent.ts';
import type { EventFeed } from '../events/EventFeed.ts';
import type { LiveMessage, LiveRead, LiveSource } from './LiveSource.ts';

/** How a subscription behaves when its subscriber falls behind, and whom it tells. */
export interface LiveSubscriptionOptions {
  /** Distinct streams waiting to be read before the subscriber counts as too slow (conflation keeps one event per stream). */
  readonly maxPendingStreams: number;
  /** Called once when the subscriber falls too far behind: the transport closes its connection. */
  readonly onOverflow: () => void;
  /** Called once when the subscription ends, whatever the reason. */
  readonly onEnd: () => void;
  /** A read that failed after the first one (logged; it is tried again, see {@link READ_RETRY_DELAYS_MS}). */
  readonly onReadError?: (error: unknown) => void;
}

/**
 * When a read after the first fails (a service down past its fallbacks, a deadline), the same
 * stream is read again after these delays, ms: the change it stood for may be the last one (a
 * trip that ended while the broker was away), so dropping it would lose it for good.
 */
export const READ_RETRY_DELAYS_MS: readonly number[] = [500, 1_000, 2_000, 4_000, 8_000];

/** The stream key of a refresh: re-read everything (the broker came back, or the gateway asked). */
const refreshStream = '\u0000refresh';

/**
 * One live subscription: its current state first, then a re-read per change. Events wait while
 * a read runs or the subscriber has not taken the last message; waiting events of one stream are
 * conflated (the latest wins: a slow subscriber gets the latest state, never a backlog), and an
 * event whose revision is not newer than its stream's last seen is dropped. An async generator for
 * the transport (graphql-ws, graphql-sse) to iterate; `return()` ends it and unbinds its keys.
 */
export class LiveSubscription implements AsyncGenerator<LiveMessage, undefined> {
  readonly #feed: EventFeed;
  readonly #source: LiveSource;
  readonly #options: LiveSubscriptionOptions;
  readonly #pending = new Map<string, DomainEvent | undefined>();
  readonly #seen = new Map<string, number>();
  readonly #listening = new Map<RoutingKey, () => void>();
  readonly #outbox: LiveMessage[] = [];
  #waiter: ((result: IteratorResult<LiveMessage, undefined>) => void) | undefined;
  #reading = false;
  /** No more reads: the state is final (the trip ended) or the subscriber went away. */
  #finished = false;
  #ended = false;
  #overflowed = false;
  /** Reads that failed in a row (reset by one that succeeds). */
  #failedReads = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #idleWaiters = new Set<() => void>();
  readonly #endWaiters = new Set<() => void>();

  constructor(feed: EventFeed, source: LiveSource, options: LiveSubscriptionOptions) {
    this.#feed = feed;
    this.#source = source;
    this.#options = options;
  }

  /** Listens, then reads the current state (the first message). Rejects with the first read's error (a LiveRefusal), having unbound. */
  async start(): Promise<void> {
    this.#listen(this.#source.initialKeys);
    this.#reading = true;
    try {
      this.#apply(await this.#source.read(undefined, true));
    } catch (error) {
      this.#end();
      throw error;
    } finally {
      this.#reading = false;
    }
    this.#pump();
  }

  /** Re-reads the state (sent if it advanced): after the broker came back, events published meanwhile are lost. */
  refresh(): void {
    this.#enqueue(refreshStream, undefined);
  }

  /** Whether no read runs and nothing waits to be taken: a stopping gateway closes connections then. */
  get idle(): boolean {
    return this.#ended || (!this.#reading && this.#outbox.length === 0);
  }

  /** Resolves when {@link idle}. */
  whenIdle(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.add(resolve));
  }

  /** Resolves when the subscription has ended (completed, refused, returned). */
  whenEnded(): Promise<void> {
    if (this.#ended) return Promise.resolve();
    return new Promise((resolve) => this.#endWaiters.add(resolve));
  }

  next(): Promise<IteratorResult<LiveMessage, undefined>> {
    const message = this.#outbox.shift();
    if (message !== undefined) {
      // The subscriber took a message: the next waiting event may be read.
      queueMicrotask(() => this.#pump());
      return Promise.resolve({ value: message, done: false });
    }
    if (this.#finished || this.#ended) {
      this.#end();
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve) => {
      this.#waiter = resolve;
    });
  }

  return(): Promise<IteratorResult<LiveMessage, undefined>> {
    this.#end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<LiveMessage, undefined>> {
    this.#end();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.#end();
  }

  #onEvent(routingKey: RoutingKey, event: DomainEvent): void {
    const stream = this.#source.streamOf(routingKey, event);
    const seen = this.#seen.get(stream);
    // Not newer than the state already read: dropped unread. The revision seen is what reads found,
    // never an event's own claim, so a stray event cannot hide the real changes after it.
    if (seen !== undefined && event.revision <= seen) return;
    this.#enqueue(stream, event);
  }

  #enqueue(stream: string, event: DomainEvent | undefined): void {
    if (this.#ended || this.#finished) return;
    // Conflation: the stream's waiting event is replaced by the newer one.
    this.#pending.delete(stream);
    this.#pending.set(stream, event);
    if (this.#pending.size > this.#options.maxPendingStreams && !this.#overflowed) {
      // Too far behind: nothing more is read or kept for it (its connection is closed; it reconnects for the current state).
      this.#overflowed = true;
      this.#finished = true;
      this.#pending.clear();
      this.#unlistenAll();
      this.#options.onOverflow();
      return;
    }
    this.#pump();
  }

  #pump(): void {
    if (this.#reading || this.#finished || this.#ended || this.#outbox.length > 0) return this.#checkIdle();
    const first = this.#pending.entries().next();
    if (first.done) return this.#checkIdle();
    const [stream, event] = first.value;
    this.#pending.delete(stream);
    this.#reading = true;
    this.#source
      .read(event, false)
      .then((read) => {
        this.#failedReads = 0;
        this.#apply(read);
      })
      .catch((error: unknown) => {
        this.#options.onReadError?.(error);
        this.#retryLater(stream, event);
      })
      .finally(() => {
        this.#reading = false;
        this.#pump();
      });
  }

  /** Reads `stream` again after the next delay of {@link READ_RETRY_DELAYS_MS}, unless a newer event of it comes first. */
  #retryLater(stream: string, event: DomainEvent | undefined): void {
    const delay = READ_RETRY_DELAYS_MS[this.#failedReads];
    this.#failedReads += 1;
    if (delay === undefined || this.#ended || this.#finished) return;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      if (!this.#pending.has(stream)) this.#enqueue(stream, event);
    }, delay);
    this.#retryTimer.unref();
  }

  #apply(read: LiveRead): void {
    if (this.#ended) return;
    for (const [stream, revision] of read.revisions ?? []) {
      if (revision > (this.#seen.get(stream) ?? -Infinity)) this.#seen.set(stream, revision);
    }
    this.#outbox.push(...read.messages);
    if (read.done) {
      this.#finished = true;
      this.#pending.clear();
      this.#unlistenAll();
    } else {
      const added = read.keys.filter((key) => !this.#listening.has(key));
      this.#listen(read.keys);
      for (const key of [...this.#listening.keys()]) if (!read.keys.includes(key)) this.#unlisten(key);
      if (added.length > 0 && read.rereadWhenBound) this.refresh();
    }
    this.#deliver();
  }

  #deliver(): void {
    const waiter = this.#waiter;
    if (!waiter) return;
    const message = this.#outbox.shift();
    if (message !== undefined) {
      this.#waiter = undefined;
      waiter({ value: message, done: false });
      queueMicrotask(() => this.#pump());
    } else if (this.#finished) {
      this.#waiter = undefined;
      this.#end();
      waiter({ value: undefined, done: true });
    }
  }

  #listen(keys: readonly RoutingKey[]): void {
    for (const key of keys) {
      if (this.#listening.has(key) || this.#ended) continue;
      this.#listening.set(key, this.#feed.listen(key, (event) => this.#onEvent(key, event)));
    }
  }

  #unlisten(key: RoutingKey): void {
    this.#listening.get(key)?.();
    this.#listening.delete(key);
  }

  #unlistenAll(): void {
    for (const key of [...this.#listening.keys()]) this.#unlisten(key);
  }

  #checkIdle(): void {
    if (!this.idle) return;
    for (const resolve of this.#idleWaiters) resolve();
    this.#idleWaiters.clear();
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#finished = true;
    clearTimeout(this.#retryTimer);
    this.#pending.clear();
    this.#outbox.length = 0;
    this.#unlistenAll();
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.({ value: undefined, done: true });
    this.#checkIdle();
    this.#options.onEnd();
    for (const resolve of this.#endWaiters) resolve();
    this.#endWaiters.clear();
  }
}
