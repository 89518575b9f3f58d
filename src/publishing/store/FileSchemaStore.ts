import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreConflict, type SchemaStore, type SubgraphVersion } from '../types.ts';
import { assertPublishable } from './assertPublishable.ts';
import { callSafely, LiveSetListeners, type LiveSet } from './LiveSetListeners.ts';
import { parseStoredVersion } from './parseStoredVersion.ts';
import { isSubgraphName } from './subgraphName.ts';
import { fsyncDirectory, isErrorCode, isTempFileName, writeFileAtomic } from './writeFileAtomic.ts';

/** Options of {@link FileSchemaStore.open}. */
export interface FileSchemaStoreOptions {
  /** The data directory (`DATA_DIR`); versions live under `<dir>/subgraphs/`. Created if missing. */
  readonly dir: string;
}

/** A version file's name: the version, zero-padded so that a listing sorts in order. */
const VERSION_FILE = /^(\d{10})\.json$/;

/** `<n>.json`, zero-padded to 10 digits. */
function versionFileName(version: number): string {
  return `${String(version).padStart(10, '0')}.json`;
}

/**
 * The embedded {@link SchemaStore}: one immutable file per version,
 * `<dir>/subgraphs/<subgraph>/<0000000001>.json`, and nothing else; the live version of a subgraph
 * is its highest file. Each file is written whole or not at all (`writeFileAtomic`: temporary
 * file, fsync, hard link, fsync of the directory), so a process killed mid-publish leaves the
 * versions it had acknowledged and at most a stray temporary file, removed at the next open.
 *
 * For one gateway process. Publishes of a subgraph run one after the other (a promise chain per
 * subgraph), and a version file is created exclusively (a hard link fails if the name exists), so
 * the compare-and-set on `expectedVersion` is exact, even against a second process writing the
 * same directory by mistake (it gets {@link StoreConflict}). `watch` hears this process's
 * publishes only.
 */
export class FileSchemaStore implements SchemaStore {
  readonly #root: string;
  readonly #listeners = new LiveSetListeners();
  /** subgraph → the tail of its publish chain. */
  readonly #chains = new Map<string, Promise<unknown>>();
  /** subgraph → its latest version read or written (files never change, so it stays valid while it is the highest). */
  readonly #latest = new Map<string, SubgraphVersion>();
  /** Notifications run in order, each with the live set after its publish. */
  #notifying: Promise<void> = Promise.resolve();
  #closed = false;

  private constructor(root: string) {
    this.#root = root;
  }

  /**
   * Opens (creating if needed) the store under `dir`: removes temporary files a crash left
   * behind and reads every subgraph's live version, so damage shows at start-up.
   * Throws `StoreDamaged` naming the file when a live version does not read back whole.
   */
  static async open(options: FileSchemaStoreOptions): Promise<FileSchemaStore> {
    if (typeof options.dir !== 'string' || options.dir === '') {
      throw new TypeError(`FileSchemaStore: dir must be a directory path, got ${JSON.stringify(options.dir)}.`);
    }
    const root = join(options.dir, 'subgraphs');
    await mkdir(root, { recursive: true });
    const store = new FileSchemaStore(root);
    for (const subgraph of await store.#subgraphs()) {
      const directory = join(root, subgraph);
      const stray = (await readdir(directory)).filter(isTempFileName);
      for (const name of stray) await unlink(join(directory, name)).catch(() => {});
      if (stray.length > 0) await fsyncDirectory(directory);
    }
    await store.live();
    return store;
  }

  /** Each published subgraph's highest version, by name in alphabetical order. */
  async live(): Promise<LiveSet> {
    const live = new Map<string, SubgraphVersion>();
    for (const subgraph of await this.#subgraphs()) {
      const versions = await this.#versionNumbers(subgraph);
      const highest = versions.at(-1);
      if (highest === undefined) continue;
      const known = this.#latest.get(subgraph);
      const version = known?.version === highest ? known : await this.#read(subgraph, highest);
      this.#latest.set(subgraph, version);
      live.set(subgraph, version);
    }
    return live;
  }

  /** Every version of `subgraph`, oldest first; empty for a subgraph never published (or an impossible name). */
  async history(subgraph: string): Promise<readonly SubgraphVersion[]> {
    if (!isSubgraphName(subgraph)) return [];
    const versions: SubgraphVersion[] = [];
    for (const number of await this.#versionNumbers(subgraph)) versions.push(await this.#read(subgraph, number));
    return versions;
  }

  /** Stores `next` as version `expectedVersion + 1` if that is the next one; {@link StoreConflict} otherwise. */
  publish(next: Omit<SubgraphVersion, 'version'>, expectedVersion: number): Promise<SubgraphVersion> {
    if (this.#closed) return Promise.reject(new Error('FileSchemaStore: publish after close().'));
    try {
      assertPublishable(next, expectedVersion);
    } catch (error) {
      return Promise.reject(error);
    }
    const subgraph = next.subgraph;
    const run = (this.#chains.get(subgraph) ?? Promise.resolve()).then(() => this.#publish(next, expectedVersion));
    const tail = run.catch(() => {});
    this.#chains.set(subgraph, tail);
    void tail.then(() => {
      if (this.#chains.get(subgraph) === tail) this.#chains.delete(subgraph);
    });
    return run;
  }

  /**
   * Calls `listener` with the live set now (asynchronously, so nothing published between a
   * `live()` and this call is missed) and after each publish through this store. Returns the
   * unsubscribe function.
   */
  watch(listener: (live: LiveSet) => void): () => void {
    let active = true;
    const unsubscribe = this.#listeners.subscribe(listener);
    this.#notifying = this.#notifying.then(async () => {
      const live = await this.live().catch(() => undefined);
      if (active && live !== undefined) callSafely(listener, live);
    });
    return () => {
      active = false;
      unsubscribe();
    };
  }

  /** Waits for publishes in flight; later publishes reject. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#chains.values()]);
    await this.#notifying;
  }

  async #publish(next: Omit<SubgraphVersion, 'version'>, expectedVersion: number): Promise<SubgraphVersion> {
    const subgraph = next.subgraph;
    const directory = join(this.#root, subgraph);
    const live = (await this.#versionNumbers(subgraph)).at(-1) ?? 0;
    if (live !== expectedVersion) throw new StoreConflict(subgraph, expectedVersion, live);
    if (expectedVersion === 0) {
      // A new subgraph: its directory entry must be durable before its first version's.
      await mkdir(directory, { recursive: true });
      await fsyncDirectory(this.#root);
    }
    const version: SubgraphVersion = { ...next, version: expectedVersion + 1 };
    try {
      await writeFileAtomic(join(directory, versionFileName(version.version)), `${JSON.stringify(version, null, 1)}\n`, { exclusive: true });
    } catch (error) {
      if (!isErrorCode(error, 'EEXIST')) throw error;
      throw new StoreConflict(subgraph, expectedVersion, (await this.#versionNumbers(subgraph)).at(-1) ?? 0);
    }
    this.#latest.set(subgraph, version);
    this.#notifying = this.#notifying.then(async () => {
      if (this.#listeners.size === 0) return;
      const live = await this.live().catch(() => undefined);
      if (live !== undefined) this.#listeners.publish(live);
    });
    return version;
  }

  /** The subgraphs that have a directory, in alphabetical order. */
  async #subgraphs(): Promise<string[]> {
    const entries = await readdir(this.#root, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory() && isSubgraphName(entry.name))
      .map((entry) => entry.name)
      .sort();
  }

  /** The version numbers stored for `subgraph`, ascending (empty when it has no directory). */
  async #versionNumbers(subgraph: string): Promise<number[]> {
    let names: string[];
    try {
      names = await readdir(join(this.#root, subgraph));
    } catch (error) {
      if (isErrorCode(error, 'ENOENT')) return [];
      throw error;
    }
    const numbers: number[] = [];
    for (const name of names) {
      const match = VERSION_FILE.exec(name);
      if (match?.[1] !== undefined) numbers.push(Number(match[1]));
    }
    return numbers.sort((a, b) => a - b);
  }

  async #read(subgraph: string, version: number): Promise<SubgraphVersion> {
    const path = join(this.#root, subgraph, versionFileName(version));
    return parseStoredVersion(await readFile(path, 'utf8'), path, { subgraph, version });
  }
}
