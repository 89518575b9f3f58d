import type { Etcd3, IWatchResponse, Watcher } from 'etcd3';
import { decodeInstance, parseKey } from './etcdLayout.ts';
import type { FleetSnapshot, InstanceSource, InstanceSourceStatus, ServiceInstance } from './types.ts';
import { SnapshotListeners } from './SnapshotListeners.ts';
import { describeError } from '../errors/index.ts';

/** Options of {@link EtcdInstanceSource}. */
export interface EtcdInstanceSourceOptions {
  /** The etcd client (see `createEtcdClient`); the source does not close it. */
  client: Etcd3;
  /** Key prefix of registrations, ending with `/`, e.g. `/ride/services/`. */
  prefix: string;
  /** Called when etcd becomes unreachable or reachable again; must not throw. */
  onStatusChange?: (status: InstanceSourceStatus) => void;
  /** Backoff between failed listings, ms: first delay and cap (×2 each time). Default 100 and 2 000. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

/**
 * An {@link InstanceSource} over etcd: lists the registrations under the prefix, then watches the
 * prefix from the revision after the listing, so every change arrives as a push (no polling, no
 * round trip per request). When the watch stream breaks it keeps the last known view, says so in
 * `status()`, and resumes from the last revision seen (etcd replays what it missed); if that
 * revision was compacted meanwhile it lists again. A listing never empties a service that had
 * instances (empty-push protection, as for the HTTP source); deletes seen on the watch do.
 */
export class EtcdInstanceSource implements InstanceSource {
  readonly #client: Etcd3;
  readonly #prefix: string;
  readonly #onStatusChange: ((status: InstanceSourceStatus) => void) | undefined;
  readonly #retryMinMs: number;
  readonly #retryMaxMs: number;
  readonly #now: () => number;
  readonly #listeners = new SnapshotListeners();
  /** key → instance. */
  #instances = new Map<string, ServiceInstance>();
  #snapshot: FleetSnapshot = Object.freeze({ revision: 0, services: new Map() });
  #status: InstanceSourceStatus = { reachable: false };
  #reported: boolean | undefined;
  #watcher: Watcher | undefined;
  #running = false;
  #timer: NodeJS.Timeout | undefined;
  #firstSync: Promise<void>;
  #resolveFirstSync: () => void = () => {};
  /** How many listings were made (1 at start, one more per compaction); for tests and details. */
  listings = 0;

  constructor(options: EtcdInstanceSourceOptions) {
    if (!options.prefix.endsWith('/')) throw new TypeError(`EtcdInstanceSource: prefix must end with "/", got ${JSON.stringify(options.prefix)}.`);
    this.#client = options.client;
    this.#prefix = options.prefix;
    this.#onStatusChange = options.onStatusChange;
    this.#retryMinMs = options.retryMinMs ?? 100;
    this.#retryMaxMs = options.retryMaxMs ?? 2_000;
    this.#now = options.now ?? Date.now;
    this.#firstSync = new Promise((resolve) => (this.#resolveFirstSync = resolve));
  }

  /** The last known snapshot (revision 0 and empty until the first listing). */
  current(): FleetSnapshot {
    return this.#snapshot;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. Listener errors are ignored. */
  subscribe(listener: (snapshot: FleetSnapshot) => void): () => void {
    return this.#listeners.subscribe(listener);
  }

  /** Whether the watch is connected, the last error, and when etcd last answered. */
  status(): InstanceSourceStatus {
    return { ...this.#status };
  }

  /** Resolves once the first listing succeeded (it may never, while etcd is down). */
  synced(): Promise<void> {
    return this.#firstSync;
  }

  /** Lists and watches in the background, retrying while etcd is down; returns the cleanup, same as {@link stop}. */
  start(): () => Promise<void> {
    if (!this.#running) {
      this.#running = true;
      void this.#sync(0);
    }
    return () => this.stop();
  }

  /** Stops watching; the last snapshot stays available. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const watcher = this.#watcher;
    this.#watcher = undefined;
    if (watcher !== undefined) {
      watcher.removeAllListeners();
      // Cancelling needs a connected stream; do not wait on an unreachable etcd.
      await Promise.race([watcher.cancel().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 500).unref())]);
    }
  }

  /** Lists the prefix, then watches from the next revision; on failure retries after a backoff. */
  async #sync(attempt: number): Promise<void> {
    if (!this.#running) return;
    try {
      const response = await this.#client.getAll().prefix(this.#prefix).exec();
      if (!this.#running) return;
      this.listings += 1;
      const listed = new Map<string, ServiceInstance>();
      for (const kv of response.kvs) {
        const key = kv.key.toString();
        const instance = decodeInstance(this.#prefix, key, kv.value.toString());
        if (instance !== undefined) listed.set(key, instance);
      }
      this.#applyListing(listed);
      this.#setStatus({ reachable: true, lastSuccessAt: this.#now() });
      this.#resolveFirstSync();
      const watcher = await this.#client
        .watch()
        .prefix(this.#prefix)
        .startRevision(String(BigInt(response.header.revision) + 1n))
        .create();
      if (!this.#running) {
        await watcher.cancel().catch(() => {});
        return;
      }
      this.#watch(watcher);
    } catch (error) {
      this.#setStatus({ ...this.#status, reachable: false, lastError: describeError(error) });
      this.#retry(attempt + 1);
    }
  }

  #watch(watcher: Watcher): void {
    this.#watcher = watcher;
    watcher.on('data', (response: IWatchResponse) => this.#applyEvents(response));
    watcher.on('disconnected', (error: Error) => {
      this.#setStatus({ ...this.#status, reachable: false, lastError: describeError(error) });
    });
    watcher.on('connected', () => this.#setStatus({ reachable: true, lastSuccessAt: this.#now() }));
    watcher.on('error', (error: Error) => {
      // The watch was cancelled by etcd, e.g. its start revision was compacted: list again.
      if (this.#watcher !== watcher) return;
      this.#watcher = undefined;
      watcher.removeAllListeners();
      this.#setStatus({ ...this.#status, reachable: false, lastError: describeError(error) });
      void watcher.cancel().catch(() => {});
      this.#retry(0);
    });
  }

  #retry(attempt: number): void {
    if (!this.#running) return;
    const delay = Math.min(this.#retryMaxMs, this.#retryMinMs * 2 ** Math.max(0, attempt - 1));
    this.#timer = setTimeout(() => void this.#sync(attempt), attempt === 0 ? 0 : delay);
    this.#timer.unref();
  }

  #applyEvents(response: IWatchResponse): void {
    if (response.events.length === 0) return;
    const next = new Map(this.#instances);
    for (const event of response.events) {
      const key = event.kv.key.toString();
      if (parseKey(this.#prefix, key) === undefined) continue;
      if (event.type === 'Delete') {
        next.delete(key);
        continue;
      }
      const instance = decodeInstance(this.#prefix, key, event.kv.value.toString());
      if (instance === undefined) next.delete(key);
      else next.set(key, instance);
    }
    this.#setStatus({ reachable: true, lastSuccessAt: this.#now() });
    this.#publish(next);
  }

  /** A full listing: replaces the view, except that a service it has no instance of keeps its known ones. */
  #applyListing(listed: Map<string, ServiceInstance>): void {
    const listedServices = new Set([...listed.values()].map((instance) => instance.service));
    const next = new Map(listed);
    for (const [key, instance] of this.#instances) {
      if (!listedServices.has(instance.service)) next.set(key, instance);
    }
    this.#publish(next);
  }

  #publish(next: Map<string, ServiceInstance>): void {
    const byService = new Map<string, ServiceInstance[]>();
    for (const instance of next.values()) {
      const list = byService.get(instance.service);
      if (list === undefined) byService.set(instance.service, [instance]);
      else list.push(instance);
    }
    const services = new Map<string, readonly ServiceInstance[]>();
    for (const name of [...byService.keys()].sort()) {
      const list = byService.get(name) ?? [];
      services.set(name, Object.freeze(list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))));
    }
    this.#instances = next;
    if (JSON.stringify([...services]) === JSON.stringify([...this.#snapshot.services])) return;
    this.#snapshot = Object.freeze({ revision: this.#snapshot.revision + 1, services });
    this.#listeners.publish(this.#snapshot);
  }

  #setStatus(status: InstanceSourceStatus): void {
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

