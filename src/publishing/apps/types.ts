import type { PersistedManifest } from '../../documents/index.ts';

/** One published app version: its manifest of trusted documents. Immutable once stored. */
export interface StoredAppVersion {
  /** The client name (`passenger`). */
  readonly app: string;
  /** Its semantic version (`3.2.0`). */
  readonly version: string;
  /** Document id (`sha256:<hex>`) → text. */
  readonly documents: PersistedManifest;
  /** `admin` (or `team:<name>`). */
  readonly publishedBy: string;
  /** ISO date-time. */
  readonly publishedAt: string;
}

/** What changes about an app after its versions are published: which are retired, and the oldest supported. */
export interface AppState {
  /** Versions retired one by one. */
  readonly retired: readonly string[];
  /** The minimum supported version: every older version counts as retired. Absent: none. */
  readonly minimumVersion?: string;
}

/** Everything the app version store holds, as one value (what its watch pushes). */
export interface AppStoreContents {
  /** Every published version of every app. */
  readonly versions: readonly StoredAppVersion[];
  /** app → its state (absent: nothing retired). */
  readonly states: ReadonlyMap<string, AppState>;
  /** `app@version` → its last recorded use, ISO date-time. */
  readonly lastUse: ReadonlyMap<string, string>;
}

/**
 * Where app versions live: files under `DATA_DIR` (one gateway) or etcd (every replica watches).
 * A version is written whole or not at all; states change by compare-and-set.
 */
export interface AppVersionStore {
  /** Everything stored now. */
  read(): Promise<AppStoreContents>;
  /** Stores a new version; rejects with {@link AppVersionExists} when that version is already published. */
  publish(version: StoredAppVersion): Promise<void>;
  /** Changes one app's state with `change` (applied to the state as stored, retried when another writer got there first); resolves with the new state. */
  updateState(app: string, change: (state: AppState) => AppState): Promise<AppState>;
  /** Records last uses (`app@version` → ISO time), keeping the later of the stored and the given. */
  recordLastUse(uses: ReadonlyMap<string, string>): Promise<void>;
  /** Calls `listener` with the contents now and after every change, this replica's and others'. Returns the unsubscribe function. */
  watch(listener: (contents: AppStoreContents) => void): () => void;
  close(): Promise<void>;
}

/** A version that is already published: versions are immutable, publish a new one (409). */
export class AppVersionExists extends Error {
  constructor(appVersion: string) {
    super(`${appVersion} is already published; an app version's documents never change: publish a new version.`);
    this.name = 'AppVersionExists';
  }
}

/** The state of an app nothing was done to. */
export const emptyAppState: AppState = Object.freeze({ retired: Object.freeze([]) as readonly string[] });
