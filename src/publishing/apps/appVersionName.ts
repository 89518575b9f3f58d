import { clientNames, type ClientName } from '../../config/index.ts';

/** An app version's name split: `passenger@3.2.0` → app `passenger`, version `3.2.0`. */
export interface AppVersionName {
  readonly app: ClientName;
  /** Semantic version 2.0.0 (`3.2.0`, `3.2.0-beta.1`, build metadata allowed). */
  readonly version: string;
}

/** Semantic version 2.0.0 (https://semver.org/#is-there-a-suggested-regular-expression-regex-to-check-a-semver-string), at most 64 characters. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Whether `version` is a semantic version (at most 64 characters). */
export function isSemver(version: string): boolean {
  return version.length <= 64 && SEMVER.test(version);
}

/** `<app>@<semver>` split, where the app is a known client; undefined for anything else. */
export function parseAppVersion(text: string): AppVersionName | undefined {
  const at = text.indexOf('@');
  if (at <= 0) return undefined;
  const app = text.slice(0, at);
  const version = text.slice(at + 1);
  if (!(clientNames as readonly string[]).includes(app) || !isSemver(version)) return undefined;
  return { app: app as ClientName, version };
}

/** `passenger@3.2.0`. */
export function appVersionOf(app: string, version: string): string {
  return `${app}@${version}`;
}

/**
 * Semantic version precedence (semver §11): negative when `a` is older than `b`, 0 when equal
 * (build metadata ignored), positive when newer. Both must be {@link isSemver}.
 */
export function compareSemver(a: string, b: string): number {
  const [, a1, a2, a3, aPre] = SEMVER.exec(a) ?? [];
  const [, b1, b2, b3, bPre] = SEMVER.exec(b) ?? [];
  for (const [x, y] of [
    [a1, b1],
    [a2, b2],
    [a3, b3],
  ] as const) {
    const difference = Number(x) - Number(y);
    if (difference !== 0) return Math.sign(difference);
  }
  // A pre-release is older than its release.
  if (aPre === undefined || bPre === undefined) return aPre === bPre ? 0 : aPre === undefined ? 1 : -1;
  const xs = aPre.split('.');
  const ys = bPre.split('.');
  for (let index = 0; index < Math.max(xs.length, ys.length); index += 1) {
    const x = xs[index];
    const y = ys[index];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const xNumeric = /^\d+$/.test(x);
    const yNumeric = /^\d+$/.test(y);
    if (xNumeric && yNumeric) return Math.sign(Number(x) - Number(y));
    if (xNumeric !== yNumeric) return xNumeric ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}
