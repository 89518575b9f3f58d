import { randomBytes } from 'node:crypto';
import type { Etcd3, Watcher } from 'etcd3';
import { describeError } from '../../errors/index.ts';
import { callEtcd } from '../store/callEtcd.ts';
import { decodeJsonText, encodeJsonValue } from '../store/gzipJson.ts';
import { StoreDamaged } from '../store/index.ts';
import { appVersionOf } from './appVersionName.ts';
import {
  chunkDocuments,
  chunkKey,
  chunksPrefix,
  DEFAULT_CHUNK_BYTES,
  lastUseKey,
  lastUsePrefix,
  stateKey,
  statesPrefix,
  uploadPrefix,
  versionKey,
  versionsPrefix,
  type AppVersionHeader,
} from './etcdAppLayout.ts';
import { laterTime, parseStoredAppState, parseStoredAppVersion } from './parseStoredAppData.ts';
import { AppVersionExists, emptyAppState, type AppState, type AppStoreContents, type AppVersionStore, type StoredAppVersion } from './types.ts';

/** Options of {@link EtcdAppVersionStore}. */
export interface EtcdAppVersionStoreOptions {
  readonly client: Etcd3;
  /** Key prefix, ending with `/` (default `/ride/apps/`); see `etcdAppLayout.ts`. */
  readonly prefix: string;
  /** Whether `close` closes `client`. Default false. */
  readonly ownsClient?: boolean;
  /** Bound on each call to etcd, ms. Default 3 000. */
  readonly callTimeoutMs?: number;
  /** Largest chunk of documents, bytes of JSON. Default 1 000 000. */
  readonly chunkBytes?: number;
  /** Backoff cap between failed listings of the watch, ms. Default 2 000. */
  readonly retryMaxMs?: number;
  /** Called with one line when the watch fails (it retries); must not throw. */
  readonly onError?: (message: string) => void;
}

/** How many times a compare-and-set is retried when another writer got there first. */
const CAS_ATTEMPTS = 20;

/**
 * The {@link AppVersionStore} over etcd, shared by every replica (layout: `etcdAppLayout.ts`).
 *
 * - A publish writes the documents' chunks (one put each, none near etcd's request limit), then
 *   one transaction creates the version's header if it is absent: of two publishes of one
 *   version, one wins; the other gets {@link AppVersionExists} and its chunks are deleted.
 * - States and last uses change by compare-and-set on the key's mod revision.
 * - `watch` reads everything, then watches the prefix from the next revision; any change other
 *   than a chunk is followed by a read (versions already read are kept: they never change), so
 *   every replica has the same set within a round trip of a publish. When the watch fails it
 *   reads and watches again, with backoff; listeners keep the last good contents meanwhile.
 */
export class EtcdAppVersionStore implements AppVersionStore {
  readonly #client: Etcd3;
  readonly #prefix: string;
  readonly #ownsClient: boolean;
  readonly #timeoutMs: number;
  readonly #chunkBytes: number;
  readonly #retryMaxMs: number;
  readonly #onError: (message: string) => void;
  readonly #listeners = new Set<(contents: AppStoreContents) => void>();
  /** Header key → the version read for it, with the upload it came from. */
  readonly #known = new Map<string, { upload: string; version: StoredAppVersion }>();
  #current: AppStoreContents | undefined;
  #watcher: Watcher | undefined;
  #watching = false;
  #timer: NodeJS.Timeout | undefined;
  /** Reads after watch events run one at a time; `#again` asks for one more. */
  #reading: Promise<void> | undefined;
  #again = false;
  #closed = false;

  constructor(options: EtcdAppVersionStoreOptions) {
    if (typeof options.prefix !== 'string' || !options.prefix.endsWith('/')) throw new TypeError(`EtcdAppVersionStore: prefix must end with "/", got ${JSON.stringify(options.prefix)}.`);
    this.#client = options.client;
    this.#prefix = options.prefix;
    this.#ownsClient = options.ownsClient ?? false;
    this.#timeoutMs = positive('callTimeoutMs', options.callTimeoutMs, 3_000);
    this.#chunkBytes = positive('chunkBytes', options.chunkBytes, DEFAULT_CHUNK_BYTES);
    this.#retryMaxMs = positive('retryMaxMs', options.retryMaxMs, 2_000);
    this.#onError = options.onError ?? (() => {});
  }

  async read(): Promise<AppStoreContents> {
    return (await this.#readAll()).contents;
  }

  async publish(version: StoredAppVersion): Promise<void> {
    if (this.#closed) throw new Error('EtcdAppVersionStore: publish after close().');
    const name = appVersionOf(version.app, version.version);
    const key = versionKey(this.#prefix, version.app, version.version);
    if ((await this.#call(`read ${key}`, () => this.#client.get(key).buffer())) !== null) throw new AppVersionExists(name);
    const chunks = chunkDocuments(version, this.#chunkBytes);
    const header: AppVersionHeader = {
      app: version.app,
      version: version.version,
      publishedBy: version.publishedBy,
      publishedAt: version.publishedAt,
      upload: randomBytes(6).toString('hex'),
      chunks: chunks.length,
      documentCount: Object.keys(version.documents).length,
    };
    for (const [index, chunk] of chunks.entries()) {
      const at = chunkKey(this.#prefix, header, index);
      await this.#call(`write ${at}`, () => this.#client.put(at).value(encodeJsonValue(chunk)).exec());
    }
    const result = await this.#call(`publish ${name}`, () =>
      this.#client.if(key, 'Create', '==', 0).then(this.#client.put(key).value(JSON.stringify(header))).commit(),
    );
    if (!result.succeeded) {
      await this.#client.delete().prefix(uploadPrefix(this.#prefix, header)).exec().catch(() => {});
      throw new AppVersionExists(name);
    }
  }

  async updateState(app: string, change: (state: AppState) => AppState): Promise<AppState> {
    const key = stateKey(this.#prefix, app);
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt += 1) {
      const found = (await this.#call(`read ${key}`, () => this.#client.get(key).exec())).kvs[0];
      const next = change(found === undefined ? emptyAppState : parseStoredAppState(found.value.toString('utf8'), key));
      const guard = found === undefined ? this.#client.if(key, 'Create', '==', 0) : this.#client.if(key, 'Mod', '==', found.mod_revision);
      const result = await this.#call(`write ${key}`, () => guard.then(this.#client.put(key).value(JSON.stringify(next))).commit());
      if (result.succeeded) return next;
    }
    throw new Error(`EtcdAppVersionStore: ${key} kept changing under ${CAS_ATTEMPTS} attempts to update it.`);
  }

  async recordLastUse(uses: ReadonlyMap<string, string>): Promise<void> {
    for (const [name, time] of uses) {
      const key = lastUseKey(this.#prefix, name);
      for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt += 1) {
        const found = (await this.#call(`read ${key}`, () => this.#client.get(key).exec())).kvs[0];
        const stored = found?.value.toString('utf8');
        const later = laterTime(stored, time);
        if (later === stored) break;
        const guard = found === undefined ? this.#client.if(key, 'Create', '==', 0) : this.#client.if(key, 'Mod', '==', found.mod_revision);
        if ((await this.#call(`write ${key}`, () => guard.then(this.#client.put(key).value(later)).commit())).succeeded) break;
      }
    }
  }

  watch(listener: (contents: AppStoreContents) => void): () => void {
    let active = true;
    this.#listeners.add(listener);
    const current = this.#current;
    if (current !== undefined) {
      queueMicrotask(() => {
        if (active) safely(listener, current);
      });
    }
    if (!this.#watching && !this.#closed) {
      this.#watching = true;
      void this.#sync(0);
    }
    return () => {
      active = false;
      this.#listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const watcher = this.#watcher;
    this.#watcher = undefined;
    if (watcher !== undefined) {
      watcher.removeAllListeners();
      await Promise.race([watcher.cancel().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 500).unref())]);
    }
    await this.#reading?.catch(() => {});
    if (this.#ownsClient) this.#client.close();
  }

  /** Everything stored, and the revision of the first read (a watch from the next one misses nothing). */
  async #readAll(): Promise<{ contents: AppStoreContents; revision: string }> {
    const headers = await this.#call('list the app versions', () => this.#client.getAll().prefix(versionsPrefix(this.#prefix)).exec());
    const versions: StoredAppVersion[] = [];
    for (const kv of headers.kvs) versions.push(await this.#version(kv.key.toString('utf8'), kv.value.toString('utf8')));
    const states = new Map<string, AppState>();
    for (const [key, text] of Object.entries(await this.#call('list the app states', () => this.#client.getAll().prefix(statesPrefix(this.#prefix)).strings()))) {
      states.set(key.slice(statesPrefix(this.#prefix).length), parseStoredAppState(text, key));
    }
    const lastUse = new Map<string, string>();
    for (const [key, time] of Object.entries(await this.#call('list the last uses', () => this.#client.getAll().prefix(lastUsePrefix(this.#prefix)).strings()))) {
      lastUse.set(key.slice(lastUsePrefix(this.#prefix).length), time);
    }
    return { contents: { versions, states, lastUse }, revision: headers.header.revision };
  }

  /** The version a header names: known already, or its chunks read (one get each: together they may pass gRPC's 4 MB answer limit). */
  async #version(key: string, headerText: string): Promise<StoredAppVersion> {
    let header: AppVersionHeader;
    try {
      header = JSON.parse(headerText) as AppVersionHeader;
    } catch (error) {
      throw new StoreDamaged(key, `not JSON (${(error as Error).message})`);
    }
    const known = this.#known.get(key);
    if (known?.upload === header.upload) return known.version;
    if (typeof header.upload !== 'string' || !Number.isInteger(header.chunks) || header.chunks < 1) throw new StoreDamaged(key, 'not the shape of an app version header');
    const documents: Record<string, string> = {};
    for (let index = 0; index < header.chunks; index += 1) {
      const at = chunkKey(this.#prefix, header, index);
      const value = await this.#call(`read ${at}`, () => this.#client.get(at).buffer());
      if (value === null) throw new StoreDamaged(at, 'a chunk of the version is missing');
      let entries: unknown;
      try {
        entries = JSON.parse(decodeJsonText(at, value));
      } catch (error) {
        throw error instanceof StoreDamaged ? error : new StoreDamaged(at, `not JSON (${(error as Error).message})`);
      }
      if (!Array.isArray(entries)) throw new StoreDamaged(at, 'not a list of documents');
      for (const entry of entries as unknown[]) {
        if (!Array.isArray(entry) || typeof entry[0] !== 'string') throw new StoreDamaged(at, 'not a list of [id, text]');
        documents[entry[0]] = entry[1] as string;
      }
    }
    const { upload: _upload, chunks: _chunks, documentCount: _count, ...rest } = header;
    const version = parseStoredAppVersion(JSON.stringify({ ...rest, documents }), key);
    this.#known.set(key, { upload: header.upload, version });
    return version;
  }

  async #sync(attempt: number): Promise<void> {
    if (this.#closed) return;
    try {
      const { contents, revision } = await this.#readAll();
      if (this.#closed) return;
      const creating = this.#client.watch().prefix(this.#prefix).startRevision(String(BigInt(revision) + 1n)).create();
      const watcher = await this.#call('watch the app versions', () => creating).catch((error: unknown) => {
        creating.then((late) => late.cancel()).catch(() => {});
        throw error;
      });
      if (this.#closed) {
        await watcher.cancel().catch(() => {});
        return;
      }
      this.#watcher = watcher;
      watcher.on('data', (response) => {
        // Chunks come before their header; the header's event is the one that matters.
        if (response.events.some((event) => !event.kv.key.toString('utf8').startsWith(chunksPrefix(this.#prefix)))) this.#reread(watcher);
      });
      watcher.on('error', (error: Error) => this.#restart(watcher, error));
      this.#announce(contents);
    } catch (error) {
      this.#onError(`app versions: ${describeError(error)}`);
      this.#retry(attempt + 1);
    }
  }

  /** Reads everything again after a change; one read at a time, one more if changes came meanwhile. */
  #reread(watcher: Watcher): void {
    if (this.#reading !== undefined) {
      this.#again = true;
      return;
    }
    this.#reading = (async () => {
      do {
        this.#again = false;
        try {
          this.#announce((await this.#readAll()).contents);
        } catch (error) {
          this.#restart(watcher, error);
          return;
        }
      } while (this.#again && !this.#closed);
    })().finally(() => {
      this.#reading = undefined;
    });
  }

  #restart(watcher: Watcher, error: unknown): void {
    if (this.#watcher !== watcher) return;
    this.#onError(`app versions: ${describeError(error)}; reading again`);
    this.#watcher = undefined;
    watcher.removeAllListeners();
    void watcher.cancel().catch(() => {});
    this.#retry(1);
  }

  #announce(contents: AppStoreContents): void {
    this.#current = contents;
    for (const listener of [...this.#listeners]) safely(listener, contents);
  }

  #retry(attempt: number): void {
    if (this.#closed) return;
    const delay = Math.min(this.#retryMaxMs, 100 * 2 ** Math.max(0, attempt - 1));
    this.#timer = setTimeout(() => void this.#sync(attempt), delay);
    this.#timer.unref();
  }

  #call<T>(what: string, run: () => Promise<T>): Promise<T> {
    return callEtcd(what, run, this.#timeoutMs);
  }
}

function safely(listener: (contents: AppStoreContents) => void, contents: AppStoreContents): void {
  try {
    listener(contents);
  } catch {
    // A faulty listener must not stop the watch.
  }
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`EtcdAppVersionStore: ${name} must be a positive number, got ${String(value)}.`);
  return value;
}
