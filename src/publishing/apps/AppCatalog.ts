import { parse, Source } from 'graphql';
import type { ClientName } from '../../config/index.ts';
import type { ClientOperationFile } from '../checks/index.ts';
import type { DocumentLookup } from './AppDocuments.ts';
import { appVersionOf, compareSemver, parseAppVersion } from './appVersionName.ts';
import { emptyAppState, type AppState, type AppStoreContents, type StoredAppVersion } from './types.ts';

/** One app version as listed: status, document count, last use. */
export interface AppVersionSummary {
  readonly appVersion: string;
  readonly version: string;
  readonly status: 'active' | 'retired';
  readonly documentCount: number;
  /** ISO date-time of the last use recorded in the store (absent: never used, or not flushed yet). */
  readonly lastUse?: string;
  readonly publishedAt: string;
  readonly publishedBy: string;
}

/**
 * The app versions as stored, indexed for the endpoints: every lookup is a few map reads.
 * Immutable; a new one is built from each {@link AppStoreContents} the store pushes.
 */
export class AppCatalog {
  /** app → its versions, newest first. */
  readonly #versions = new Map<string, StoredAppVersion[]>();
  readonly #states: ReadonlyMap<string, AppState>;
  readonly #lastUse: ReadonlyMap<string, string>;
  /** `app\ndocumentId` → the versions that have it, newest first. */
  readonly #byDocument = new Map<string, StoredAppVersion[]>();
  /** `app@version` → the stored version. */
  readonly #byName = new Map<string, StoredAppVersion>();

  constructor(contents: AppStoreContents) {
    this.#states = contents.states;
    this.#lastUse = contents.lastUse;
    const sorted = [...contents.versions].sort((a, b) => compareSemver(b.version, a.version));
    for (const version of sorted) {
      this.#byName.set(appVersionOf(version.app, version.version), version);
      const list = this.#versions.get(version.app) ?? [];
      list.push(version);
      this.#versions.set(version.app, list);
      for (const id of Object.keys(version.documents)) {
        const key = `${version.app}\n${id}`;
        const holders = this.#byDocument.get(key) ?? [];
        holders.push(version);
        this.#byDocument.set(key, holders);
      }
    }
  }

  /** An empty catalog (nothing published). */
  static empty(): AppCatalog {
    return new AppCatalog({ versions: [], states: new Map(), lastUse: new Map() });
  }

  /** Whether `app@version` counts as retired: retired on its own, or older than the app's minimum supported version. */
  isRetired(app: string, version: string): boolean {
    const state = this.#states.get(app) ?? emptyAppState;
    if (state.retired.includes(version)) return true;
    return state.minimumVersion !== undefined && compareSemver(version, state.minimumVersion) < 0;
  }

  /** The stored version named `app@version`, if published. */
  get(appVersion: string): StoredAppVersion | undefined {
    return this.#byName.get(appVersion);
  }

  /** The app's state (nothing retired when never changed). */
  state(app: string): AppState {
    return this.#states.get(app) ?? emptyAppState;
  }

  /**
   * The document `documentId` of `client`: in the version `appVersion` names when it is published
   * (retired → `retired` naming it); else in the newest active version that has it; else, when only
   * retired versions have it, `retired` naming the newest of them; else `unknown`.
   */
  lookup(client: string, documentId: string, appVersion?: string): DocumentLookup {
    if (appVersion !== undefined) {
      const named = this.#byName.get(appVersion);
      if (named !== undefined && named.app === client) {
        if (this.isRetired(named.app, named.version)) return { kind: 'retired', appVersion };
        const text = named.documents[documentId as keyof typeof named.documents];
        if (text !== undefined) return { kind: 'found', text, appVersion };
      }
    }
    const holders = this.#byDocument.get(`${client}\n${documentId}`);
    if (holders === undefined) return { kind: 'unknown' };
    const active = holders.find((version) => !this.isRetired(version.app, version.version));
    if (active !== undefined) return { kind: 'found', text: active.documents[documentId as keyof typeof active.documents] as string, appVersion: appVersionOf(active.app, active.version) };
    const newest = holders[0] as StoredAppVersion;
    return { kind: 'retired', appVersion: appVersionOf(newest.app, newest.version) };
  }

  /** The apps with published versions, by name. */
  apps(): string[] {
    return [...this.#versions.keys()].sort();
  }

  /** `app`'s versions, newest first, with status, document count and last use. */
  list(app: string): AppVersionSummary[] {
    return (this.#versions.get(app) ?? []).map((version) => {
      const name = appVersionOf(version.app, version.version);
      const lastUse = this.#lastUse.get(name);
      return {
        appVersion: name,
        version: version.version,
        status: this.isRetired(version.app, version.version) ? 'retired' : 'active',
        documentCount: Object.keys(version.documents).length,
        ...(lastUse === undefined ? {} : { lastUse }),
        publishedAt: version.publishedAt,
        publishedBy: version.publishedBy,
      };
    });
  }

  /**
   * Every document of every active version, as operation files for the client-safety check of
   * schema publishing, each named `passenger@3.2.0 sha256:<id>` (the check labels an operation
   * `PassengerHome (passenger@3.2.0 sha256:…)`). A stored document that does not parse is skipped:
   * it was validated when published, so it cannot happen short of outside damage.
   */
  activeOperationFiles(): ClientOperationFile[] {
    const files: ClientOperationFile[] = [];
    for (const [app, versions] of this.#versions) {
      const client = parseAppVersion(`${app}@0.0.0`)?.app;
      if (client === undefined) continue;
      for (const version of versions) {
        if (this.isRetired(app, version.version)) continue;
        for (const [id, text] of Object.entries(version.documents)) {
          const file = `${appVersionOf(app, version.version)} ${id}`;
          try {
            files.push({ client: client satisfies ClientName, file, document: parse(new Source(text, file)) });
          } catch {
            // See above.
          }
        }
      }
    }
    return files;
  }
}
