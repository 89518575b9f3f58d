import { connect, type Channel, type ChannelModel } from 'amqplib';
import { backoffDelay, defaultBackoff, type Backoff } from './backoffDelay.ts';

/** Options of {@link ReconnectingChannel}. */
export interface ReconnectingChannelOptions<Session> {
  /** `amqp://user:pass@host:port[/vhost]`. */
  readonly url: string;
  /** Who is connecting, for log lines (`event feed`, `event publisher`). */
  readonly name: string;
  readonly log: (line: string) => void;
  /** Prepares a fresh channel (exchange, queue, bindings); a throw counts as a failed attempt. */
  readonly setup: (channel: Channel) => Promise<Session>;
  /** The channel is ready; `resumed` unless this is a first connection that never failed before. */
  readonly onUp: (channel: Channel, session: Session, resumed: boolean) => void;
  /** The channel is gone (connection or channel closed); a reconnect is scheduled. */
  readonly onDown: () => void;
  readonly backoff?: Backoff;
}

/** Longest wait for the broker's TCP + AMQP handshake before an attempt counts as failed, ms. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * One AMQP connection with one channel that comes back by itself: the first attempt starts at
 * construction (never awaited by the caller, so an unreachable broker delays nothing), and every
 * loss (connection or channel closed, an attempt failed) schedules the next attempt with
 * exponential backoff and jitter, until {@link close}.
 */
export class ReconnectingChannel<Session> {
  readonly #options: ReconnectingChannelOptions<Session>;
  readonly #backoff: Backoff;
  /** Bumped on every loss and on close, so callbacks of an older connection are ignored. */
  #generation = 0;
  #connection: ChannelModel | undefined;
  #channel: Channel | undefined;
  #attempt = 0;
  #everUp = false;
  #failedBefore = false;
  #downSince: Date | undefined = new Date();
  #timer: NodeJS.Timeout | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: ReconnectingChannelOptions<Session>) {
    this.#options = options;
    this.#backoff = options.backoff ?? defaultBackoff;
    void this.#connect();
  }

  /** The live channel, or undefined while disconnected. */
  get channel(): Channel | undefined {
    return this.#channel;
  }

  /** When the connection was lost (or first tried), while it is down. */
  get downSince(): Date | undefined {
    return this.#downSince;
  }

  /** Stops reconnecting and closes the connection; idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#generation += 1;
      clearTimeout(this.#timer);
      const connection = this.#connection;
      const wasUp = this.#channel !== undefined;
      this.#connection = undefined;
      this.#channel = undefined;
      if (wasUp) this.#options.onDown();
      await connection?.close().catch(() => undefined);
    })();
    return this.#closing;
  }

  async #connect(): Promise<void> {
    if (this.#closing) return;
    const generation = ++this.#generation;
    let connection: ChannelModel | undefined;
    try {
      connection = await connect(this.#options.url, { timeout: CONNECT_TIMEOUT_MS });
      const opened = connection;
      opened.on('error', () => undefined); // always followed by 'close', handled there
      opened.on('close', () => this.#lost(generation, opened, 'connection closed'));
      if (generation !== this.#generation) throw new Error('closed while connecting');
      const channel = await opened.createChannel();
      channel.on('error', (error: Error) => this.#options.log(`${this.#options.name}: channel error: ${error.message}`));
      channel.on('close', () => this.#lost(generation, opened, 'channel closed'));
      const session = await this.#options.setup(channel);
      if (generation !== this.#generation) throw new Error('closed while connecting');
      const resumed = this.#everUp || this.#failedBefore;
      this.#connection = opened;
      this.#channel = channel;
      this.#attempt = 0;
      this.#everUp = true;
      this.#downSince = undefined;
      if (resumed) this.#options.log(`${this.#options.name}: connected to the broker again`);
      this.#options.onUp(channel, session, resumed);
    } catch (error) {
      if (generation === this.#generation && !this.#closing) {
        this.#generation += 1;
        this.#failedBefore = true;
        if (this.#attempt === 0 || this.#attempt % 10 === 0) {
          this.#options.log(`${this.#options.name}: broker unreachable (${(error as Error).message}); retrying with backoff`);
        }
        this.#schedule();
      }
      await connection?.close().catch(() => undefined);
    }
  }

  #lost(generation: number, connection: ChannelModel, reason: string): void {
    if (generation !== this.#generation || this.#closing) return;
    this.#generation += 1;
    const wasUp = this.#channel !== undefined;
    this.#connection = undefined;
    this.#channel = undefined;
    this.#downSince ??= new Date();
    this.#failedBefore = true;
    void connection.close().catch(() => undefined);
    if (wasUp) {
      this.#options.log(`${this.#options.name}: lost the broker (${reason}); reconnecting with backoff`);
      this.#options.onDown();
    }
    this.#schedule();
  }

  #schedule(): void {
    this.#attempt += 1;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#connect(), backoffDelay(this.#attempt, this.#backoff));
    // Reconnecting must not keep a process alive that has nothing else to do.
    this.#timer.unref();
  }
}
