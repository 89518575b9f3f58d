import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, isGatewayError } from '../errors/index.ts';
import { parseJsonBody, readBody } from '../http/readBody.ts';
import { sendJson } from '../http/sendJson.ts';
import type { AdminAuth } from './AdminAuth.ts';
import { routeAppAdmin } from './apps/appAdminRoutes.ts';
import { ManifestRejected, type AppVersions } from './apps/AppVersions.ts';
import type { Publisher, PublishOutcome } from './Publisher.ts';
import type { Principal, SubgraphVersion } from './types.ts';

/** Where the admin API lives. */
export const ADMIN_API_PREFIX = '/admin/v1';

const noStore = { 'cache-control': 'no-store' };

/**
 * The admin API (`/admin/v1`), for domain teams and the `npm run subgraph` CLI. Every route needs
 * an admin or team token (`Authorization: Bearer`); a client app's token is no credential here (401).
 *
 * - `GET /subgraphs`: every subgraph as served (kind, version, location, clients, SDL hash)
 * - `GET /subgraphs/<name>`: one, with its SDL
 * - `GET /subgraphs/<name>/versions`, `.../versions/<n>`: its published history (404 for no such subgraph or version)
 * - `POST /subgraphs/<name>/check` `{sdl, location?, clients?, strict?}`: the checks, nothing stored (200, `ok` says the verdict)
 * - `POST /subgraphs/<name>/publish` (same body): 201 stored, 422 rejected by the checks, 409 another publish won, 403 not this team's
 * - `POST /subgraphs/<name>/rollback` `{version}`: the earlier version again, through the same checks
 * - `/apps/...`: app versions and their trusted documents, admin only (`apps/appAdminRoutes.ts`), when `options.apps` is given
 */
export function createAdminHandler(
  publisher: Publisher,
  auth: AdminAuth,
  options: { readonly maxBodyBytes: number; readonly apps?: { readonly versions: AppVersions; readonly maxManifestBytes: number } },
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (path !== ADMIN_API_PREFIX && !path.startsWith(`${ADMIN_API_PREFIX}/`)) return false;
    try {
      const principal = auth.principalOf(req.headers.authorization);
      if (!principal) {
        res.setHeader('www-authenticate', 'Bearer realm="ride-bff-admin"');
        throw new GatewayError('UNAUTHENTICATED', 'The admin API needs an admin or team token (Authorization: Bearer <token>); app tokens are not accepted here.');
      }
      const segments = path.slice(ADMIN_API_PREFIX.length).split('/').filter((part) => part !== '').map(decodeURIComponent);
      if (segments[0] === 'apps' && options.apps !== undefined) await routeAppAdmin(req, res, segments.slice(1), principal, options.apps.versions, options.apps.maxManifestBytes);
      else await route(req, res, segments, principal, publisher, options.maxBodyBytes);
    } catch (error) {
      sendError(res, error);
    }
    return true;
  };
}

async function route(req: IncomingMessage, res: ServerResponse, segments: string[], principal: Principal, publisher: Publisher, maxBodyBytes: number): Promise<void> {
  const method = req.method ?? 'GET';
  const [collection, name, action, extra] = segments;
  if (collection !== 'subgraphs' || segments.length > 4) throw new GatewayError('NOT_FOUND', 'No such admin route: see /admin/v1/subgraphs.');
  const by = principal.kind === 'admin' ? 'admin' : `team:${principal.team}`;
  if (name === undefined) {
    requireMethod(method, 'GET');
    return sendJson(res, 200, { subgraphs: publisher.list() }, noStore);
  }
  if (action === undefined) {
    requireMethod(method, 'GET');
    const live = publisher.get(name);
    return sendJson(res, 200, { subgraph: { ...live, location: live.location ?? null } }, noStore);
  }
  if (action === 'versions') {
    requireMethod(method, 'GET');
    const versions = await publisher.history(name);
    if (extra === undefined) return sendJson(res, 200, { subgraph: name, versions: versions.map(withoutSdl) }, noStore);
    const version = versions.find((candidate) => String(candidate.version) === extra);
    if (!version) throw new GatewayError('NOT_FOUND', `${name} has no version ${extra}.`);
    return sendJson(res, 200, { version }, noStore);
  }
  if (extra !== undefined) throw new GatewayError('NOT_FOUND', 'No such admin route.');
  requireMethod(method, 'POST');
  const body = parseJsonBody(await readBody(req, maxBodyBytes));
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new GatewayError('BAD_REQUEST', 'Send a JSON object.');
  const fields = body as Record<string, unknown>;
  switch (action) {
    case 'check':
      return sendJson(res, 200, { report: await publisher.check(principal, { ...fields, subgraph: name, sdl: fields.sdl }) }, noStore);
    case 'publish':
      return sendOutcome(res, await publisher.publish(principal, { ...fields, subgraph: name, sdl: fields.sdl }, by));
    case 'rollback':
      return sendOutcome(res, await publisher.rollback(principal, name, fields.version, by));
    default:
      throw new GatewayError('NOT_FOUND', `No action "${action}": check, publish, rollback, versions.`);
  }
}

function sendOutcome(res: ServerResponse, outcome: PublishOutcome): void {
  if (outcome.accepted) sendJson(res, 201, { accepted: true, version: withoutSdl(outcome.version), report: outcome.report }, noStore);
  else sendJson(res, 422, { accepted: false, report: outcome.report }, noStore);
}

function withoutSdl(version: SubgraphVersion): Omit<SubgraphVersion, 'sdl'> {
  const { sdl: _sdl, ...rest } = version;
  return rest;
}

function requireMethod(method: string, allowed: string): void {
  if (method !== allowed) throw new GatewayError('BAD_REQUEST', `Use ${allowed} here.`);
}

function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (isGatewayError(error)) {
    if (error.code === 'PAYLOAD_TOO_LARGE') res.setHeader('connection', 'close');
    if (error.code === 'OVERLOADED') res.setHeader('retry-after', '2');
    const problems = error instanceof ManifestRejected ? { problems: error.problems } : {};
    sendJson(res, error.httpStatus, { error: { code: error.code, message: error.message, ...problems } }, noStore);
    return;
  }
  console.error(`admin API: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  sendJson(res, 500, { error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal error.' } }, noStore);
}
