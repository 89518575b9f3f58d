import type { Etcd3, IEvent, IWatchResponse, Watcher } from 'etcd3';
import { describeError } from '../../errors/index.ts';
import { StoreConflict, type SchemaStore, type SubgraphVersion } from '../types.ts';
import { assertPublishable } from './assertPublishable.ts';
import { callEtcd } from './callEtcd.ts';
import {
  decodeVersionValue,
  encodeVersionValue,
  liveKey,
  livePrefix,
  parseLiveKey,
  parseLiveValue,
  versionKey,
  versionsPrefix,
} from './etcdSchemaLayout.ts';
import { callSafely, LiveSetListeners, liveSetSignature, type LiveSet } from './LiveSetListeners.ts';
import { StoreDamaged, VersionTooLarge } from './storeErrors.ts';
import { isSubgraphName } from './subgraphName.ts';

/** Whether the store's watch is connected, and what went wrong last. */
export interface StoreStatus {
  readonly reachable: boolean;
  /** The last failure, one line (absent until one happened). */
  readonly lastError?: string;
  /** When etcd last answered, ms since the epoch. */
  readonly lastSuccessAt?: number;
}

/** Options of {@link EtcdSchemaStore}. */
export interface EtcdSchemaStoreOptions {
  /** The etcd client (see `createEtcdClient`). */
  readonly client: Etcd3;
  /** Key prefix, ending with `/` (`ETCD_SCHEMA_PREFIX`, default `/ride/schemas/`); see `etcdSchemaLayout.ts`. */
  readonly prefix: string;
  /** Whether {@link EtcdSchemaStore.close} closes `client`. Default false. */
  readonly ownsClient?: boolean;
  /** Bound on each call to etcd, ms; past it the call rejects with `StoreUnavailable`. Default 3 000. */
  readonly callTimeoutMs?: number;
  /**
   * Largest stored form of one version (gzipped JSON), bytes; a larger one is refused with
   * `VersionTooLarge` before anything is written. Default 1 400 000: etcd refuses requests over
   * `--max-request-bytes` (default 1.5 MiB = 1 572 864), and the transaction carries a little more.
   */
  readonly maxValueBytes?: number;
  /** Backoff between failed listings of the watch, ms: first delay and cap (×2 each time). Default 100 and 2 000. */
  readonly retryMinMs?: number;
  readonly retryMaxMs?: number;
  /** Called when the watch loses or regains etcd; must not throw. */
  readonly onStatusChange?: (status: StoreStatus) => void;
  /** Clock, ms since the epoch. Default `Date.now`. */
  readonly now?: () => number;
}

/** How many versions `history` reads at once (each is one get: values can be ~1 MB, gRPC answers are capped at 4 MB). */
const HISTORY_READ_CONCURRENCY = 4;

/**
 * The {@link SchemaStore} over etcd, shared by every gateway replica (layout: `etcdSchemaLayout.ts`).
 *
 * - A publish is one transaction: if the live pointer still holds `expectedVersion` (is absent for
 *   0) and the next version's key is absent, put the version and move the pointer; else read the
 *   pointer and reject with {@link StoreConflict}. Of two concurrent publishes, exactly one wins.
 * - `live()` and `history()` read etcd (versions are immutable, so a live version already read is
 *   reused while the pointer still names it).
 * - `watch` lists the live pointers, then watches the prefix from the next revision: each publish,
 *   from any replica, arrives as a push (no polling). When the stream breaks, etcd3 reconnects and
 *   resumes from the last revision seen (etcd replays what was missed); when that revision was
 *   compacted, the store lists again. Listeners get the live set once the first listing succeeds
 *   (retried with backoff while etcd is down) and after every change; never the same set twice.
 * - Every call is bounded by `callTimeoutMs` and rejects with {@link StoreUnavailable}.
 */
export class EtcdSchemaStore implements SchemaStore {
  readonly #client: Etcd3;
  readonly #prefix: string;
  readonly #ownsClient: boolean;
  readonly #callTimeoutMs: number;
  readonly #maxValueBytes: number;
  readonly #retryMinMs: number;
  readonly #retryMaxMs: number;
  readonly #onStatusChange: ((status: StoreStatus) => void) | undefined;
  readonly #now: () => number;
  readonly #listeners = new LiveSetListeners();
  /** subgraph → its live version as last read (immutable, so valid while the pointer names it). */
  readonly #known = new Map<string, SubgraphVersion>();
  /** The live set listeners last got, and its signature. */
  #current: LiveSet | undefined;
  #currentSignature: string | undefined;
  #status: StoreStatus = { reachable: false };
  #reported: boolean | undefined;
  #watching = false;
  #watcher: Watcher | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** Watch batches are applied one after the other. */
  #applying: Promise<void> = Promise.resolve();
  #closed = false;
  #listings = 0;

  constructor(options: EtcdSchemaStoreOptions) {
    if (typeof options.prefix !== 'string' || !options.prefix.endsWith('/')) {
      throw new TypeError(`EtcdSchemaStore: prefix must end with "/", got ${JSON.stringify(options.prefix)}.`);
    }
    this.#client = options.client;
    this.#prefix = options.prefix;
    this.#ownsClient = options.ownsClient ?? false;
    this.#callTimeoutMs = positive('callTimeoutMs', options.callTimeoutMs, 3_000);
    this.#maxValueBytes = positive('maxValueBytes', options.maxValueBytes, 1_400_000);
    this.#retryMinMs = positive('retryMinMs', options.retryMinMs, 100);
    this.#retryMaxMs = positive('retryMaxMs', options.retryMaxMs, 2_000);
    this.#onStatusChange = options.onStatusChange;
    this.#now = options.now ?? Date.now;
  }

  /** Each published subgraph's live version, by name in alphabetical order. Rejects with `StoreUnavailable` or `StoreDamaged`. */
  async live(): Promise<LiveSet> {
    return (await this.#readLive()).live;
  }

  /** Every version of `subgraph`, oldest first; empty for one never published. Rejects with `StoreUnavailable` or `StoreDamaged`. */
  async history(subgraph: string): Promise<readonly SubgraphVersion[]> {
    if (!isSubgraphName(subgraph)) return [];
    const start = versionsPrefix(this.#prefix, subgraph);
    const keys = await this.#call(`list the versions of ${subgraph}`, () => this.#client.getAll().prefix(start).sort('Key', 'Ascend').keys());
    const versions: SubgraphVersion[] = [];
    for (let index = 0; index < keys.length; index += HISTORY_READ_CONCURRENCY) {
      const batch = keys.slice(index, index + HISTORY_READ_CONCURRENCY);
      versions.push(...(await Promise.all(batch.map((key) => this.#readVersion(subgraph, Number(key.slice(start.length)))))));
    }
    return versions;
  }

  /**
   * Stores `next` as version `expectedVersion + 1` in one transaction that succeeds only if the
   * live version is still `expectedVersion`. Rejects with `StoreConflict` (lost the race),
   * `VersionTooLarge` (refused before writing) or `StoreUnavailable` (then it may have been stored).
   */
  async publish(next: Omit<SubgraphVersion, 'version'>, expectedVersion: number): Promise<SubgraphVersion> {
    if (this.#closed) throw new Error('EtcdSchemaStore: publish after close().');
    assertPublishable(next, expectedVersion);
    const subgraph = next.subgraph;
    const version: SubgraphVersion = { ...next, version: expectedVersion + 1 };
    const value = encodeVersionValue(version);
    if (value.length > this.#maxValueBytes) throw new VersionTooLarge(subgraph, value.length, this.#maxValueBytes);
    const pointer = liveKey(this.#prefix, subgraph);
    const key = versionKey(this.#prefix, subgraph, version.version);
    const result = await this.#call(`publish ${subgraph} version ${version.version}`, () =>
      (expectedVersion === 0 ? this.#client.if(pointer, 'Create', '==', 0) : this.#client.if(pointer, 'Value', '==', String(expectedVersion)))
        // The version key must be new too: a version, once stored, never changes.
        .and(key, 'Create', '==', 0)
        .then(this.#client.put(key).value(value), this.#client.put(pointer).value(String(version.version)))
        .else(this.#client.get(pointer))
        .commit(),
    );
    if (!result.succeeded) {
      const found = result.responses[0]?.response_range?.kvs[0];
      throw new StoreConflict(subgraph, expectedVersion, found === undefined ? 0 : parseLiveValue(pointer, found.value.toString()));
    }
    this.#known.set(subgraph, version);
    return version;
  }

  /**
   * Calls `listener` with the live set once the watch has listed it (at once if it already has),
   * then after every change from any replica. The watch starts with the first listener and runs
   * until `close()`. Returns the unsubscribe function.
   */
  watch(listener: (live: LiveSet) => void): () => void {
    let active = true;
    const unsubscribe = this.#listeners.subscribe(listener);
    const current = this.#current;
    if (current !== undefined) {
      queueMicrotask(() => {
        if (active) callSafely(listener, current);
      });
    }
    if (!this.#watching && !this.#closed) {
      this.#watching = true;
      void this.#sync(0);
    }
    return () => {
      active = false;
      unsubscribe();
    };
  }

  /** How many times the watch listed the live set (1 at start, one more per compaction or failed batch); for tests and details. */
  get listings(): number {
    return this.#listings;
  }

  /** Whether the watch is connected to etcd, and the last failure. */
  status(): StoreStatus {
    return { ...this.#status };
  }

  /** Stops the watch (bounded: does not wait on an unreachable etcd) and closes the client if it owns it. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#dropWatcher();
    if (this.#ownsClient) this.#client.close();
  }

  /** The live pointers (one range read, one revision), and each pointed version. */
  async #readLive(): Promise<{ live: LiveSet; revision: string }> {
    const response = await this.#call('list the live versions', () => this.#client.getAll().prefix(livePrefix(this.#prefix)).sort('Key', 'Ascend').exec());
    const pointers: { subgraph: string; version: number }[] = [];
    for (const kv of response.kvs) {
      const key = kv.key.toString();
      const subgraph = parseLiveKey(this.#prefix, key);
      if (subgraph !== undefined) pointers.push({ subgraph, version: parseLiveValue(key, kv.value.toString()) });
    }
    const versions = await Promise.all(pointers.map(({ subgraph, version }) => this.#liveVersion(subgraph, version)));
    return { live: new Map(versions.map((version) => [version.subgraph, version])), revision: response.header.revision };
  }

  /** A live version: the one already known if the pointer still names it, else read from etcd. */
  async #liveVersion(subgraph: string, version: number, value?: Buffer): Promise<SubgraphVersion> {
    const known = this.#known.get(subgraph);
    if (known?.version === version) return known;
    const read =
      value === undefined ? await this.#readVersion(subgraph, version) : decodeVersionValue(versionKey(this.#prefix, subgraph, version), value, { subgraph, version });
    this.#known.set(subgraph, read);
    return read;
  }

  async #readVersion(subgraph: string, version: number): Promise<SubgraphVersion> {
    const key = versionKey(this.#prefix, subgraph, version);
    const value = await this.#call(`read ${key}`, () => this.#client.get(key).buffer());
    if (value === null) throw new StoreDamaged(key, 'the version is missing');
    return decodeVersionValue(key, value, { subgraph, version });
  }

  /** Lists the live set, watches the prefix from the next revision, then tells listeners if the set changed; retries with backoff on failure. */
  async #sync(attempt: number): Promise<void> {
    if (this.#closed) return;
    try {
      const { live, revision } = await this.#readLive();
      if (this.#closed) return;
      this.#listings += 1;
      const creating = this.#client
        .watch()
        .prefix(this.#prefix)
        .startRevision(String(BigInt(revision) + 1n))
        .create();
      const watcher = await this.#call('watch the schemas', () => creating).catch((error: unknown) => {
        // A watch that is created after all, too late, must not stay open unseen.
        creating.then((late) => late.cancel()).catch(() => {});
        throw error;
      });
      if (this.#closed) {
        await watcher.cancel().catch(() => {});
        return;
      }
      this.#attach(watcher);
      // Announced once watched, so a listener's first call means the store is followed.
      this.#setStatus({ reachable: true, lastSuccessAt: this.#now() });
      this.#announce(live);
    } catch (error) {
      this.#setStatus({ ...this.#status, reachable: false, lastError: describeError(error) });
      this.#retry(attempt + 1);
    }
  }

  #attach(watcher: Watcher): void {
    this.#watcher = watcher;
    watcher.on('data', (response: IWatchResponse) => {
      if (response.events.length === 0) return;
      this.#applying = this.#applying.then(() => this.#apply(watcher, response.events));
    });
    watcher.on('disconnected', (error: Error) => this.#setStatus({ ...this.#status, reachable: false, lastError: describeError(error) }));
    watcher.on('connected', () => this.#setStatus({ reachable: true, lastSuccessAt: this.#now() }));
    // etcd cancelled the watch (e.g. its revision was compacted): list again.
    watcher.on('error', (error: Error) => this.#resync(watcher, error));
  }

  /** One batch of events: a publish's two keys come together; a version not in the batch is read. */
  async #apply(watcher: Watcher, events: readonly IEvent[]): Promise<void> {
    if (this.#watcher !== watcher) return;
    const values = new Map<string, Buffer>();
    for (const event of events) if (event.type === 'Put') values.set(event.kv.key.toString(), event.kv.value);
    const next = new Map(this.#current ?? []);
    try {
      for (const event of events) {
        const key = event.kv.key.toString();
        const subgraph = parseLiveKey(this.#prefix, key);
        if (subgraph === undefined) continue;
        if (event.type === 'Delete') {
          next.delete(subgraph);
          continue;
        }
        const version = parseLiveValue(key, event.kv.value.toString());
        next.set(subgraph, await this.#liveVersion(subgraph, version, values.get(versionKey(this.#prefix, subgraph, version))));
      }
    } catch (error) {
      // A version could not be read (etcd went away, or damage): start over from a listing, keep serving the last good set.
      this.#resync(watcher, error);
      return;
    }
    this.#setStatus({ reachable: true, lastSuccessAt: this.#now() });
    this.#announce(new Map([...next].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
  }

  #resync(watcher: Watcher, error: unknown): void {
    if (this.#watcher !== watcher) return;
    this.#setStatus({ ...this.#status, reachable: false, lastError: describeError(error) });
    void this.#dropWatcher();
    this.#retry(0);
  }

  /** Tells listeners about `live` unless they already have it. */
  #announce(live: LiveSet): void {
    const signature = liveSetSignature(live);
    if (signature === this.#currentSignature) return;
    this.#current = live;
    this.#currentSignature = signature;
    this.#listeners.publish(live);
  }

  #retry(attempt: number): void {
    if (this.#closed) return;
    const delay = attempt === 0 ? 0 : Math.min(this.#retryMaxMs, this.#retryMinMs * 2 ** (attempt - 1));
    this.#timer = setTimeout(() => void this.#sync(attempt), delay);
    this.#timer.unref();
  }

  async #dropWatcher(): Promise<void> {
    const watcher = this.#watcher;
    this.#watcher = undefined;
    if (watcher === undefined) return;
    watcher.removeAllListeners();
    // Cancelling needs a connected stream; do not wait on an unreachable etcd.
    await Promise.race([watcher.cancel().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 500).unref())]);
  }

  /** Runs one etcd call within `callTimeoutMs`; its failure becomes `StoreUnavailable`. */
  #call<T>(what: string, run: () => Promise<T>): Promise<T> {
    return callEtcd(what, run, this.#callTimeoutMs);
  }

  #setStatus(status: StoreStatus): void {
    this.#status = status;
    if (status.reachable === this.#reported) return;
    this.#reported = status.reachable;
    try {
      this.#onStatusChange?.({ ...status });
    } catch {
      // A faulty listener must not stop the watch.
    }
  }
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`EtcdSchemaStore: ${name} must be a positive number, got ${String(value)}.`);
  return value;
}
