import type { GraphQLSchema } from 'graphql';
import type { ClientName } from '../../config/index.ts';
import { GatewayError } from '../../errors/index.ts';
import type { ClientOperationFile } from '../checks/index.ts';
import { AppCatalog, type AppVersionSummary } from './AppCatalog.ts';
import type { AppDocuments, DocumentLookup } from './AppDocuments.ts';
import { appVersionOf, parseAppVersion, type AppVersionName } from './appVersionName.ts';
import { checkAppManifest, type ManifestDocumentProblem } from './checkAppManifest.ts';
import { AppVersionExists, type AppState, type AppVersionStore } from './types.ts';

/** Largest manifest an app version may publish, bytes of JSON (413 above). */
export const DEFAULT_MAX_MANIFEST_BYTES = 5 * 1024 * 1024;

/** Options of {@link AppVersions.start}. */
export interface AppVersionsOptions {
  readonly store: AppVersionStore;
  /** The client's live API schema, which a manifest's documents must validate against. */
  readonly schemaOf: (client: ClientName) => GraphQLSchema;
  /** How often recorded uses are written to the store, ms. Default 60 000. */
  readonly flushIntervalMs?: number;
  /** Largest manifest, bytes of JSON. Default 5 MiB ({@link DEFAULT_MAX_MANIFEST_BYTES}). */
  readonly maxManifestBytes?: number;
  /** Clock, ms since the epoch. Default `Date.now`. */
  readonly now?: () => number;
  /** Where failures to flush or follow the store are told. Default: stderr. */
  readonly log?: (line: string) => void;
}

/** A manifest refused before publishing: 400, with every failing entry. */
export class ManifestRejected extends GatewayError {
  readonly problems: readonly ManifestDocumentProblem[];
  constructor(message: string, problems: readonly ManifestDocumentProblem[]) {
    super('BAD_REQUEST', message);
    this.name = 'ManifestRejected';
    this.problems = problems;
  }
}

/** The result of a check (nothing stored). */
export type AppVersionCheck = { readonly ok: true; readonly appVersion: string; readonly documentCount: number } | { readonly ok: false; readonly appVersion: string; readonly message: string; readonly problems: readonly ManifestDocumentProblem[] };

/**
 * App versions, served: the endpoints' {@link AppDocuments} (an in-memory {@link AppCatalog}
 * replaced whenever the store pushes a change, so lookups never wait on the store), the admin
 * API's operations (check, publish, retire, minimum version, list) and the operations the
 * client-safety check of schema publishing keeps working (every active version's documents).
 *
 * Uses are counted in memory and written to the store every `flushIntervalMs` (and at `close`):
 * at most one write per app version per interval, whatever the traffic.
 */
export class AppVersions implements AppDocuments {
  readonly #store: AppVersionStore;
  readonly #schemaOf: (client: ClientName) => GraphQLSchema;
  readonly #maxManifestBytes: number;
  readonly #now: () => number;
  readonly #log: (line: string) => void;
  #catalog = AppCatalog.empty();
  /** `app@version` → last use (ms) not yet written. */
  #pending = new Map<string, number>();
  #flushing: Promise<void> = Promise.resolve();
  readonly #timer: NodeJS.Timeout;
  readonly #unwatch: () => void;
  #activeFiles: { catalog: AppCatalog; files: ClientOperationFile[] } | undefined;

  private constructor(options: AppVersionsOptions, first: AppCatalog) {
    this.#store = options.store;
    this.#schemaOf = options.schemaOf;
    this.#maxManifestBytes = options.maxManifestBytes ?? DEFAULT_MAX_MANIFEST_BYTES;
    this.#now = options.now ?? Date.now;
    this.#log = options.log ?? ((line) => console.warn(line));
    this.#catalog = first;
    this.#unwatch = this.#store.watch((contents) => {
      this.#catalog = new AppCatalog(contents);
    });
    const interval = options.flushIntervalMs ?? 60_000;
    if (!Number.isFinite(interval) || interval <= 0) throw new RangeError(`AppVersions: flushIntervalMs must be a positive number, got ${String(interval)}.`);
    this.#timer = setInterval(() => void this.flush(), interval);
    this.#timer.unref();
  }

  /**
   * Reads the store and follows it. When the store does not answer, starts with no app versions
   * (logged) and gets them from the store's watch once it answers; never rejects.
   */
  static async start(options: AppVersionsOptions): Promise<AppVersions> {
    let first: AppCatalog;
    try {
      first = new AppCatalog(await options.store.read());
    } catch (error) {
      (options.log ?? ((line: string) => console.warn(line)))(`app versions: the store did not answer (${(error as Error).message}); starting without app versions until it does`);
      first = AppCatalog.empty();
    }
    return new AppVersions(options, first);
  }

  /** The app versions as this replica has them now. */
  get catalog(): AppCatalog {
    return this.#catalog;
  }

  lookup(client: string, documentId: string, appVersion?: string): DocumentLookup {
    return this.#catalog.lookup(client, documentId, appVersion);
  }

  recordUse(appVersion: string): void {
    if (this.#catalog.get(appVersion) === undefined) return; // only published versions: a client cannot grow this map
    this.#pending.set(appVersion, this.#now());
  }

  /** Writes the uses recorded since the last flush (one write per version); a failure keeps them for the next one. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(async () => {
      if (this.#pending.size === 0) return;
      const batch = this.#pending;
      this.#pending = new Map();
      try {
        await this.#store.recordLastUse(new Map([...batch].map(([name, ms]) => [name, new Date(ms).toISOString()])));
        await this.#sync();
      } catch (error) {
        for (const [name, ms] of batch) if (!this.#pending.has(name)) this.#pending.set(name, ms);
        this.#log(`app versions: could not record last uses (${(error as Error).message}); will retry`);
      }
    });
    return this.#flushing;
  }

  /** `app`'s versions, newest first, with status, document count and last use; 400 for an unknown app. */
  list(app: string): { app: string; minimumVersion: string | null; versions: AppVersionSummary[] } {
    const known = parseAppVersion(`${app}@0.0.0`);
    if (known === undefined) throw new GatewayError('BAD_REQUEST', `No app "${app}".`);
    return { app, minimumVersion: this.#catalog.state(app).minimumVersion ?? null, versions: this.#catalog.list(app) };
  }

  /** Checks a manifest for `appVersion` against the live schema; nothing stored. 400 for a bad name, 413 for a manifest over the limit. */
  check(appVersion: string, manifestJson: string): AppVersionCheck {
    const name = this.#name(appVersion);
    const result = this.#checkManifest(name, manifestJson);
    return result.ok ? { ok: true, appVersion, documentCount: result.documentCount } : { ok: false, appVersion, message: result.message, problems: result.problems };
  }

  /** Checks, then stores, `appVersion` with its manifest. 400 (with every failing entry), 409 already published, 413 too large. */
  async publish(appVersion: string, manifestJson: string, by: string): Promise<AppVersionSummary> {
    const name = this.#name(appVersion);
    if (this.#catalog.get(appVersion) !== undefined) throw new GatewayError('CONFLICT', new AppVersionExists(appVersion).message);
    const result = this.#checkManifest(name, manifestJson);
    if (!result.ok) throw new ManifestRejected(result.message, result.problems);
    try {
      await this.#store.publish({ app: name.app, version: name.version, documents: result.manifest, publishedBy: by, publishedAt: new Date(this.#now()).toISOString() });
    } catch (error) {
      if (error instanceof AppVersionExists) throw new GatewayError('CONFLICT', error.message);
      throw error;
    }
    await this.#sync();
    return this.#summary(appVersion);
  }

  /** Retires one published version (its documents are refused, naming it). 404 when not published. */
  async retire(appVersion: string, _by: string): Promise<AppVersionSummary> {
    const name = this.#name(appVersion);
    if (this.#catalog.get(appVersion) === undefined) await this.#sync();
    if (this.#catalog.get(appVersion) === undefined) throw new GatewayError('NOT_FOUND', `${appVersion} is not published.`);
    await this.#store.updateState(name.app, (state): AppState => (state.retired.includes(name.version) ? state : { ...state, retired: [...state.retired, name.version] }));
    await this.#sync();
    return this.#summary(appVersion);
  }

  /** Sets `app`'s minimum supported version: every older version counts as retired. 400 for an unknown app or a version that is not semver. */
  async setMinimum(app: string, version: string, _by: string): Promise<{ app: string; minimumVersion: string; retired: string[] }> {
    this.#name(`${app}@${version}`);
    await this.#store.updateState(app, (state): AppState => ({ ...state, minimumVersion: version }));
    await this.#sync();
    return { app, minimumVersion: version, retired: this.#catalog.list(app).filter((entry) => entry.status === 'retired').map((entry) => entry.appVersion) };
  }

  /** Every document of every active version, as operations for the client-safety check (parsed once per catalog). */
  activeOperationFiles(): ClientOperationFile[] {
    const catalog = this.#catalog;
    if (this.#activeFiles?.catalog !== catalog) this.#activeFiles = { catalog, files: catalog.activeOperationFiles() };
    return this.#activeFiles.files;
  }

  /** Flushes recorded uses and stops following the store (the store is the caller's to close). */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#unwatch();
    await this.flush();
  }

  #name(appVersion: string): AppVersionName {
    const name = parseAppVersion(appVersion);
    if (name === undefined) throw new GatewayError('BAD_REQUEST', `"${appVersion.slice(0, 100)}" is not an app version: <app>@<semver>, e.g. passenger@3.2.0, where the app is one of the clients.`);
    return name;
  }

  #checkManifest(name: AppVersionName, json: string): ReturnType<typeof checkAppManifest> {
    const bytes = Buffer.byteLength(json, 'utf8');
    if (bytes > this.#maxManifestBytes) throw new GatewayError('PAYLOAD_TOO_LARGE', `The manifest takes ${bytes} bytes, more than the limit of ${this.#maxManifestBytes} bytes per app version.`);
    return checkAppManifest(appVersionOf(name.app, name.version), json, this.#schemaOf(name.app));
  }

  /** Reads the store now, so this replica's answer already shows its own write. */
  async #sync(): Promise<void> {
    this.#catalog = new AppCatalog(await this.#store.read());
  }

  #summary(appVersion: string): AppVersionSummary {
    const name = this.#name(appVersion);
    const found = this.#catalog.list(name.app).find((entry) => entry.appVersion === appVersion);
    if (found === undefined) throw new GatewayError('NOT_FOUND', `${appVersion} is not published.`);
    return found;
  }
}
