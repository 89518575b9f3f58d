import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError } from '../../errors/index.ts';
import { parseJsonBody, readBody } from '../../http/readBody.ts';
import { sendJson } from '../../http/sendJson.ts';
import type { Principal } from '../types.ts';
import type { AppVersions } from './AppVersions.ts';

const noStore = { 'cache-control': 'no-store' };

/**
 * The admin API's app version routes, under `/admin/v1/apps` (`segments` after `apps`). Admin
 * token only: an app version is the contract of a whole app, not a domain team's part of the
 * graph (403 for a team token). A manifest is sent as the request body, as is.
 *
 * - `GET /apps/<app>/versions`: every version, newest first: status, document count, last use
 * - `GET /apps/<app>/versions/<version>`: one, with its documents
 * - `POST /apps/<app>/versions/<version>/check` (manifest): validated, nothing stored: 200 `{ok, problems}`
 * - `PUT /apps/<app>/versions/<version>` (manifest): 201 stored; 400 naming every failing entry
 *   (not JSON, wrong hash, a document that does not validate), 409 already published, 413 over the limit
 * - `POST /apps/<app>/versions/<version>/retire`: 200; 404 not published
 * - `PUT /apps/<app>/minimum-version` `{"version": "3.0.0"}`: every older version retired
 */
export async function routeAppAdmin(req: IncomingMessage, res: ServerResponse, segments: readonly string[], principal: Principal, apps: AppVersions, maxManifestBytes: number): Promise<void> {
  if (principal.kind !== 'admin') throw new GatewayError('FORBIDDEN', 'App versions are published and retired with the admin token only.');
  const method = req.method ?? 'GET';
  const [app, collection, version, action] = segments;
  if (app === undefined || segments.length > 4) throw new GatewayError('NOT_FOUND', 'No such admin route: see /admin/v1/apps/<app>/versions.');
  if (collection === 'minimum-version' && version === undefined) {
    requireMethod(method, 'PUT');
    const body = parseJsonBody(await readBody(req, 4096));
    const minimum = typeof body === 'object' && body !== null && 'version' in body ? body.version : undefined;
    if (typeof minimum !== 'string') throw new GatewayError('BAD_REQUEST', 'Send {"version": "<semver>"}.');
    return sendJson(res, 200, await apps.setMinimum(app, minimum, 'admin'), noStore);
  }
  if (collection !== 'versions') throw new GatewayError('NOT_FOUND', 'No such admin route: see /admin/v1/apps/<app>/versions.');
  if (version === undefined) {
    requireMethod(method, 'GET');
    return sendJson(res, 200, apps.list(app), noStore);
  }
  const appVersion = `${app}@${version}`;
  switch (action) {
    case undefined:
      if (method === 'GET') {
        const stored = apps.catalog.get(appVersion);
        const summary = apps.list(app).versions.find((entry) => entry.appVersion === appVersion);
        if (stored === undefined || summary === undefined) throw new GatewayError('NOT_FOUND', `${appVersion} is not published.`);
        return sendJson(res, 200, { version: summary, documents: stored.documents }, noStore);
      }
      requireMethod(method, 'PUT');
      return sendJson(res, 201, { published: await apps.publish(appVersion, await readBody(req, maxManifestBytes), 'admin') }, noStore);
    case 'check':
      requireMethod(method, 'POST');
      return sendJson(res, 200, apps.check(appVersion, await readBody(req, maxManifestBytes)), noStore);
    case 'retire':
      requireMethod(method, 'POST');
      return sendJson(res, 200, { retired: await apps.retire(appVersion, 'admin') }, noStore);
    default:
      throw new GatewayError('NOT_FOUND', `No action "${action}": check, retire.`);
  }
}

function requireMethod(method: string, allowed: string): void {
  if (method !== allowed) throw new GatewayError('BAD_REQUEST', `Use ${allowed} here.`);
}
