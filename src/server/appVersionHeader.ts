import { GatewayError } from '../errors/index.ts';

/** Header naming the app version that sends a document by id: `x-app-version: passenger@3.2.0`. */
export const APP_VERSION_HEADER = 'x-app-version';

/** `<app>@<semver>`: an app name as in `schemas/clients.json`, then a SemVer 2.0 version (https://semver.org, its regular expression). */
const appVersionPattern =
  /^([a-z][a-z0-9]{0,62})@(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Longest app version accepted, characters (a header a client controls: bounded before the pattern runs). */
const maxLength = 128;

/**
 * The app version a request names (`x-app-version`), or undefined without the header. BAD_REQUEST
 * when it is not `<app>@<semver>`, or names another app than the endpoint's `client`.
 */
export function readAppVersion(header: string | string[] | undefined, client: string): string | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header.join(',') : header.trim();
  const match = value.length <= maxLength ? appVersionPattern.exec(value) : null;
  if (!match) throw new GatewayError('BAD_REQUEST', `${APP_VERSION_HEADER} must be <app>@<semver>, e.g. ${client}@3.2.0.`);
  if (match[1] !== client) throw new GatewayError('BAD_REQUEST', `${APP_VERSION_HEADER} names the app "${match[1]}", but this is the ${client} endpoint.`);
  return value;
}
