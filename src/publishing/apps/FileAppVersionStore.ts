import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { clientNames } from '../../config/index.ts';
import { fsyncDirectory, isErrorCode, isTempFileName, writeFileAtomic } from '../store/writeFileAtomic.ts';
import { appVersionOf, isSemver } from './appVersionName.ts';
import { laterTime, parseStoredAppState, parseStoredAppVersion, parseStoredLastUse } from './parseStoredAppData.ts';
import { AppVersionExists, emptyAppState, type AppState, type AppStoreContents, type AppVersionStore, type StoredAppVersion } from './types.ts';

/**
 * The embedded {@link AppVersionStore}, under `<DATA_DIR>/apps/<app>/`:
 *
 * - `versions/<semver>.json`: one immutable file per version (created exclusively, so a version is
 *   published once), written whole or not at all (`writeFileAtomic`);
 * - `state.json`: retired versions and the minimum supported version, replaced atomically;
 * - `last-use.json`: version → last use, replaced atomically.
 *
 * For one gateway process: writes run one after the other, and `watch` hears this process's writes.
 */
export class FileAppVersionStore implements AppVersionStore {
  readonly #root: string;
  readonly #listeners = new Set<(contents: AppStoreContents) => void>();
  /** Versions already read, by path (files never change). */
  readonly #read = new Map<string, StoredAppVersion>();
  /** Every write, one after the other; then listeners hear the contents. */
  #chain: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(root: string) {
    this.#root = root;
  }

  /** Opens (creating if needed) `<dir>/apps/`, removes temporary files a crash left, and reads everything (damage shows at start-up as `StoreDamaged`). */
  static async open(options: { readonly dir: string }): Promise<FileAppVersionStore> {
    if (typeof options.dir !== 'string' || options.dir === '') throw new TypeError(`FileAppVersionStore: dir must be a directory path, got ${JSON.stringify(options.dir)}.`);
    const root = join(options.dir, 'apps');
    await mkdir(root, { recursive: true });
    const store = new FileAppVersionStore(root);
    for (const app of await store.#apps()) {
      for (const directory of [join(root, app), join(root, app, 'versions')]) {
        const stray = (await readdir(directory).catch(() => [])).filter(isTempFileName);
        for (const name of stray) await unlink(join(directory, name)).catch(() => {});
      }
    }
    await store.read();
    return store;
  }

  async read(): Promise<AppStoreContents> {
    const versions: StoredAppVersion[] = [];
    const states = new Map<string, AppState>();
    const lastUse = new Map<string, string>();
    for (const app of await this.#apps()) {
      const directory = join(this.#root, app, 'versions');
      const names = (await readdir(directory).catch(() => [] as string[])).filter((name) => name.endsWith('.json') && isSemver(name.slice(0, -5)));
      for (const name of names) {
        const path = join(directory, name);
        let version = this.#read.get(path);
        if (version === undefined) {
          version = parseStoredAppVersion(await readFile(path, 'utf8'), path);
          this.#read.set(path, version);
        }
        versions.push(version);
      }
      const state = await this.#readOptional(join(this.#root, app, 'state.json'));
      if (state !== undefined) states.set(app, parseStoredAppState(state, join(this.#root, app, 'state.json')));
      const uses = await this.#readOptional(join(this.#root, app, 'last-use.json'));
      if (uses !== undefined) for (const [version, time] of Object.entries(parseStoredLastUse(uses, join(this.#root, app, 'last-use.json')))) lastUse.set(appVersionOf(app, version), time);
    }
    return { versions, states, lastUse };
  }

  publish(version: StoredAppVersion): Promise<void> {
    return this.#write(async () => {
      const directory = join(this.#root, version.app, 'versions');
      await mkdir(directory, { recursive: true });
      await fsyncDirectory(join(this.#root, version.app));
      try {
        await writeFileAtomic(join(directory, `${version.version}.json`), `${JSON.stringify(version)}\n`, { exclusive: true });
      } catch (error) {
        if (isErrorCode(error, 'EEXIST')) throw new AppVersionExists(appVersionOf(version.app, version.version));
        throw error;
      }
    });
  }

  updateState(app: string, change: (state: AppState) => AppState): Promise<AppState> {
    return this.#write(async () => {
      const path = join(this.#root, app, 'state.json');
      const text = await this.#readOptional(path);
      const next = change(text === undefined ? emptyAppState : parseStoredAppState(text, path));
      await mkdir(join(this.#root, app), { recursive: true });
      await writeFileAtomic(path, `${JSON.stringify(next)}\n`);
      return next;
    });
  }

  recordLastUse(uses: ReadonlyMap<string, string>): Promise<void> {
    const byApp = new Map<string, [string, string][]>();
    for (const [name, time] of uses) {
      const at = name.indexOf('@');
      const app = name.slice(0, at);
      byApp.set(app, [...(byApp.get(app) ?? []), [name.slice(at + 1), time]]);
    }
    return this.#write(async () => {
      for (const [app, entries] of byApp) {
        if (!(clientNames as readonly string[]).includes(app)) continue;
        const path = join(this.#root, app, 'last-use.json');
        const text = await this.#readOptional(path);
        const stored = text === undefined ? {} : parseStoredLastUse(text, path);
        for (const [version, time] of entries) stored[version] = laterTime(stored[version], time);
        await mkdir(join(this.#root, app), { recursive: true });
        await writeFileAtomic(path, `${JSON.stringify(stored)}\n`);
      }
    });
  }

  watch(listener: (contents: AppStoreContents) => void): () => void {
    this.#listeners.add(listener);
    let active = true;
    this.#chain = this.#chain.then(async () => {
      const contents = await this.read().catch(() => undefined);
      if (active && contents !== undefined) safely(listener, contents);
    });
    return () => {
      active = false;
      this.#listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#chain.catch(() => {});
  }

  /** Runs `write` after the writes before it, then tells listeners. */
  #write<T>(write: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('FileAppVersionStore: write after close().'));
    const run = this.#chain.catch(() => {}).then(write);
    this.#chain = run.then(
      async () => {
        if (this.#listeners.size === 0) return;
        const contents = await this.read().catch(() => undefined);
        if (contents !== undefined) for (const listener of [...this.#listeners]) safely(listener, contents);
      },
      () => {},
    );
    return run;
  }

  /** The apps (known client names) that have a directory. */
  async #apps(): Promise<string[]> {
    const entries = await readdir(this.#root, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory() && (clientNames as readonly string[]).includes(entry.name)).map((entry) => entry.name).sort();
  }

  async #readOptional(path: string): Promise<string | undefined> {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if (isErrorCode(error, 'ENOENT')) return undefined;
      throw error;
    }
  }
}

function safely(listener: (contents: AppStoreContents) => void, contents: AppStoreContents): void {
  try {
    listener(contents);
  } catch {
    // A faulty listener must not stop the others.
  }
}
