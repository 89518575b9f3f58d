import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { SubgraphVersion } from '../types.ts';
import type { LiveSet } from './LiveSetListeners.ts';
import { toStoredVersion } from './parseStoredVersion.ts';
import { StoreDamaged } from './storeErrors.ts';
import { isErrorCode, isTempFileName, writeFileAtomic } from './writeFileAtomic.ts';

/** Options of {@link LocalSnapshot}. */
export interface LocalSnapshotOptions {
  /** The replica's data directory (`DATA_DIR`); the snapshot is `<dir>/live-snapshot.json`. Created if missing. */
  readonly dir: string;
  /** Clock, ms since the epoch, for `savedAt`. Default `Date.now`. */
  readonly now?: () => number;
}

/** What {@link LocalSnapshot.load} found. */
export interface SavedLiveSet {
  readonly live: LiveSet;
  /** When it was saved, ISO date-time. */
  readonly savedAt: string;
}

const FILE_NAME = 'live-snapshot.json';
/** A temporary file older than this is a crash's leftover, not a save in flight (ms). */
const STRAY_TEMP_AGE_MS = 60_000;

/**
 * The published versions this replica last served, kept on its own disk so that a restart while
 * the store is unreachable starts on them, never on older schemas from the repository (a published
 * privacy fix must survive a restart). Saved whole or not at all (`writeFileAtomic`); saves run
 * one after the other, so the last call wins. Save what is actually served (after a swap), not
 * what the store announced: a version that failed to compose was never served.
 */
export class LocalSnapshot {
  readonly #dir: string;
  readonly #path: string;
  readonly #now: () => number;
  #saving: Promise<unknown> = Promise.resolve();

  constructor(options: LocalSnapshotOptions) {
    if (typeof options.dir !== 'string' || options.dir === '') {
      throw new TypeError(`LocalSnapshot: dir must be a directory path, got ${JSON.stringify(options.dir)}.`);
    }
    this.#dir = options.dir;
    this.#path = join(options.dir, FILE_NAME);
    this.#now = options.now ?? Date.now;
  }

  /** The snapshot file's path. */
  get path(): string {
    return this.#path;
  }

  /** Replaces the snapshot with `live`. */
  save(live: LiveSet): Promise<void> {
    const body = {
      format: 1,
      savedAt: new Date(this.#now()).toISOString(),
      versions: [...live.values()].sort((a, b) => (a.subgraph < b.subgraph ? -1 : a.subgraph > b.subgraph ? 1 : 0)),
    };
    const run = this.#saving.then(async () => {
      await mkdir(this.#dir, { recursive: true });
      await writeFileAtomic(this.#path, `${JSON.stringify(body)}\n`);
    });
    this.#saving = run.catch(() => {});
    return run;
  }

  /**
   * The last saved live set, or `undefined` when none was ever saved. Removes temporary files a
   * crash left behind. Throws `StoreDamaged` when the file does not read back whole.
   */
  async load(): Promise<SavedLiveSet | undefined> {
    await this.#removeStrayTemps();
    let text: string;
    try {
      text = await readFile(this.#path, 'utf8');
    } catch (error) {
      if (isErrorCode(error, 'ENOENT')) return undefined;
      throw error;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new StoreDamaged(this.#path, `not JSON (${(error as Error).message})`);
    }
    if (!isSnapshotBody(body)) throw new StoreDamaged(this.#path, 'not a live-set snapshot (format 1)');
    const live = new Map<string, SubgraphVersion>();
    body.versions.forEach((entry, index) => {
      const where = `${this.#path} (versions[${index}])`;
      const version = toStoredVersion(entry, where);
      if (live.has(version.subgraph)) throw new StoreDamaged(where, `a second entry for ${version.subgraph}`);
      live.set(version.subgraph, version);
    });
    return { live, savedAt: body.savedAt };
  }

  /** Temporary files are named after the snapshot; only old ones go (another process on the same directory may be saving). */
  async #removeStrayTemps(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.#dir);
    } catch (error) {
      if (isErrorCode(error, 'ENOENT')) return;
      throw error;
    }
    for (const name of names) {
      if (!isTempFileName(name) || !name.startsWith(`.${FILE_NAME}.`)) continue;
      const path = join(this.#dir, name);
      const info = await stat(path).catch(() => undefined);
      if (info !== undefined && this.#now() - info.mtimeMs > STRAY_TEMP_AGE_MS) await unlink(path).catch(() => {});
    }
  }
}

function isSnapshotBody(body: unknown): body is { format: 1; savedAt: string; versions: unknown[] } {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as { format?: unknown; savedAt?: unknown; versions?: unknown };
  return candidate.format === 1 && typeof candidate.savedAt === 'string' && Array.isArray(candidate.versions);
}
