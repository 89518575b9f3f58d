import { validatePersistedManifest } from '../../documents/index.ts';
import { StoreDamaged } from '../store/index.ts';
import { isSemver } from './appVersionName.ts';
import type { AppState, StoredAppVersion } from './types.ts';

/** A stored app version's JSON, checked (every document's hash too); `StoreDamaged` naming `where` otherwise. */
export function parseStoredAppVersion(text: string, where: string): StoredAppVersion {
  const value = parseJson(text, where);
  const { app, version, documents, publishedBy, publishedAt } = value;
  if (typeof app !== 'string' || typeof version !== 'string' || !isSemver(version) || typeof publishedBy !== 'string' || typeof publishedAt !== 'string') {
    throw new StoreDamaged(where, 'not the shape of an app version');
  }
  try {
    return { app, version, documents: validatePersistedManifest(documents, where), publishedBy, publishedAt };
  } catch (error) {
    throw new StoreDamaged(where, (error as Error).message);
  }
}

/** A stored app state's JSON, checked; `StoreDamaged` naming `where` otherwise. */
export function parseStoredAppState(text: string, where: string): AppState {
  const value = parseJson(text, where);
  const { retired, minimumVersion } = value;
  if (!Array.isArray(retired) || !retired.every((version) => typeof version === 'string') || (minimumVersion !== undefined && (typeof minimumVersion !== 'string' || !isSemver(minimumVersion)))) {
    throw new StoreDamaged(where, 'not the shape of an app state');
  }
  return { retired: retired as string[], ...(minimumVersion === undefined ? {} : { minimumVersion }) };
}

/** Stored last uses (`version` → ISO time); `StoreDamaged` naming `where` otherwise. */
export function parseStoredLastUse(text: string, where: string): Record<string, string> {
  const value = parseJson(text, where);
  if (!Object.values(value).every((time) => typeof time === 'string')) throw new StoreDamaged(where, 'not a map of version → time');
  return value as Record<string, string>;
}

function parseJson(text: string, where: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StoreDamaged(where, `not JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new StoreDamaged(where, 'not a JSON object');
  return value as Record<string, unknown>;
}

/** The later of two ISO date-times (either may be absent). */
export function laterTime(a: string | undefined, b: string): string {
  return a === undefined || a < b ? b : a;
}
