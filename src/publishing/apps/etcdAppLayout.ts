import type { StoredAppVersion } from './types.ts';

/**
 * Where app versions live in etcd, under their own prefix ending with `/` (default `/ride/apps/`,
 * beside the schemas' `/ride/schemas/` so the schema watch never sees manifest chunks):
 *
 * - `<prefix>versions/<app>/<version>` → the version's header (JSON: app, version, who, when,
 *   the upload id and chunk count). Its creation is the commit point: a version exists once it does.
 * - `<prefix>chunks/<app>/<version>/<upload>/<0000>` → the documents, in chunks of at most
 *   {@link DEFAULT_CHUNK_BYTES} of JSON (`[[id, text], ...]`, gzipped above 64 KiB), each its own
 *   put, so no request nears etcd's `--max-request-bytes` (1.5 MiB by default) whatever the
 *   manifest's size. Chunks are written before the header; chunks no header names are leftovers
 *   of a failed publish and are never read.
 * - `<prefix>state/<app>` → its state (JSON: retired versions, minimum supported version).
 * - `<prefix>last-use/<app>@<version>` → its last use, ISO date-time.
 */
export const DEFAULT_APPS_PREFIX = '/ride/apps/';

/** Largest chunk of documents, bytes of JSON before compression (below etcd's 1.5 MiB request limit with room to spare). */
export const DEFAULT_CHUNK_BYTES = 1_000_000;

/** A version's header as stored. */
export interface AppVersionHeader {
  readonly app: string;
  readonly version: string;
  readonly publishedBy: string;
  readonly publishedAt: string;
  /** Names this publish's chunks (two racing publishes of one version never mix their chunks). */
  readonly upload: string;
  readonly chunks: number;
  readonly documentCount: number;
}

export const versionsPrefix = (prefix: string): string => `${prefix}versions/`;
export const versionKey = (prefix: string, app: string, version: string): string => `${versionsPrefix(prefix)}${app}/${version}`;
export const chunksPrefix = (prefix: string): string => `${prefix}chunks/`;
export const uploadPrefix = (prefix: string, header: Pick<AppVersionHeader, 'app' | 'version' | 'upload'>): string => `${chunksPrefix(prefix)}${header.app}/${header.version}/${header.upload}/`;
export const chunkKey = (prefix: string, header: Pick<AppVersionHeader, 'app' | 'version' | 'upload'>, index: number): string =>
  `${uploadPrefix(prefix, header)}${String(index).padStart(4, '0')}`;
export const statesPrefix = (prefix: string): string => `${prefix}state/`;
export const stateKey = (prefix: string, app: string): string => `${statesPrefix(prefix)}${app}`;
export const lastUsePrefix = (prefix: string): string => `${prefix}last-use/`;
export const lastUseKey = (prefix: string, appVersion: string): string => `${lastUsePrefix(prefix)}${appVersion}`;

/** The documents of `version` split into chunks of at most `chunkBytes` of JSON each (a single document larger than that gets a chunk of its own). */
export function chunkDocuments(version: StoredAppVersion, chunkBytes: number): [string, string][][] {
  const chunks: [string, string][][] = [];
  let current: [string, string][] = [];
  let size = 2;
  for (const entry of Object.entries(version.documents)) {
    const entrySize = Buffer.byteLength(JSON.stringify(entry), 'utf8') + 1;
    if (current.length > 0 && size + entrySize > chunkBytes) {
      chunks.push(current);
      current = [];
      size = 2;
    }
    current.push(entry);
    size += entrySize;
  }
  if (current.length > 0 || chunks.length === 0) chunks.push(current);
  return chunks;
}
