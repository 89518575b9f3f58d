import { requestIdOf } from './requestId.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendRefusal, viewerKeyOf, type AdmissionController, type RateLimits } from '../admission/index.ts';
import type { ViewerVerifier } from '../auth/index.ts';
import type { TokenRules } from '../authz/index.ts';
import { clientNames, isClientName, type ClientName, type Config } from '../config/index.ts';
import { errorCodes, GatewayError, isGatewayError } from '../errors/index.ts';
import { ResponseBudget, type OperationGuard } from '../limits/index.ts';
import type { ClientEndpoint } from './ClientEndpoint.ts';
import type { EdgeContext } from './EdgeContext.ts';
import type { EdgeRequest } from './EdgeRequest.ts';
import { wantsPlayground } from './playground/wantsPlayground.ts';
import type { GatewayMetrics } from './metrics.ts';
import { parseJsonBody, readBody } from './readBody.ts';
import { readGraphQLRequest } from './readGraphQLRequest.ts';
import { startRequestDeadline } from './requestDeadline.ts';
import type { ReadinessReport } from './ReadinessReport.ts';
import { sendGraphQLError, sendJson } from './sendJson.ts';

/** A handler for a path prefix that is not GraphQL (registry API, demo proxy); false when not its path. */
export type SideHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Everything the router needs, wired by main; `TContext` is the request context, opaque here but for {@link EdgeContext}. */
export interface RequestHandlerParts<TContext extends EdgeContext> {
  readonly config: Config;
  readonly endpoints: ReadonlyMap<ClientName, ClientEndpoint<TContext>>;
  readonly verifier: ViewerVerifier;
  /** Builds a request's context from what the edge decided (src/startGateway.ts injects the subgraphs' factory). */
  readonly createContext: (request: EdgeRequest) => TContext;
  readonly metrics: GatewayMetrics;
  readonly readiness: () => ReadinessReport;
  /**
   * False while the gateway is starting: GraphQL requests then get 503 NOT_READY with Retry-After
   * (everything else is served: the registry API, /readyz, the playground page). Absent: always true.
   */
  readonly acceptingGraphQL?: () => boolean;
  readonly sideHandlers: readonly SideHandler[];
  /** The playground page per client, when the playground is on. */
  readonly playgroundPages: ReadonlyMap<ClientName, string> | undefined;
  /** Refuses GraphQL requests with 503 OVERLOADED while the gateway is saturated (src/admission). Absent: never. */
  readonly admission?: AdmissionController;
  /** Per-caller and per-app rate limits, 429 RATE_LIMITED (src/admission). Absent: none. */
  readonly rateLimits?: RateLimits;
  /** Each client's limits, checked before planning. */
  readonly guards: ReadonlyMap<ClientName, OperationGuard>;
  /** Each client's token-only authorization rules (`@authenticated`, `@requiresScopes`). */
  readonly tokenRules: ReadonlyMap<ClientName, TokenRules>;
}

/** Header with which a client lowers its request's deadline, ms (never raises it). */
export const REQUEST_DEADLINE_HEADER = 'x-request-deadline-ms';

/** Retry-After of a 503 NOT_READY while the gateway starts, seconds. */
const NOT_READY_RETRY_AFTER_SEC = 1;

/** `/<client>/graphql`: the first segment is checked against the clients of `schemas/clients.json`. */
const graphqlPath = /^\/([a-z0-9]+)\/graphql\/?$/;

/** Where GraphQL is, for the 404 answer: every client's path, e.g. `/a/graphql, /b/graphql and /c/graphql`. */
const graphqlPaths = clientNames.map((client) => `/${client}/graphql`).join(', ').replace(/, ([^,]*)$/, ' and $1');

/**
 * The gateway's HTTP routing: `/<client>/graphql`, `/healthz`, `/readyz`, `/metrics`, and the side
 * handlers (registry API, demo proxy). Every failure becomes a JSON error with a status; nothing
 * thrown here reaches Node.
 */
export function createRequestHandler<TContext extends EdgeContext>(parts: RequestHandlerParts<TContext>): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    route(parts, req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (isGatewayError(error)) sendGraphQLError(res, error.code, error.message);
      else sendGraphQLError(res, 'INTERNAL_SERVER_ERROR', 'Internal error.');
    });
  };
}

async function route<TContext extends EdgeContext>(parts: RequestHandlerParts<TContext>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
  const client = graphqlPath.exec(path)?.[1];
  if (client && isClientName(client)) return serveGraphQL(parts, client, req, res);
  switch (path) {
    case '/healthz':
      return sendJson(res, 200, { status: 'alive' });
    case '/readyz': {
      const report = parts.readiness();
      return sendJson(res, report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not ready', ...report.details });
    }
    case '/metrics': {
      const text = await parts.metrics.registry.metrics();
      res.writeHead(200, { 'content-type': parts.metrics.registry.contentType });
      res.end(text);
      return;
    }
  }
  for (const handler of parts.sideHandlers) if (await handler(req, res)) return;
  sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `Nothing at ${path}. GraphQL is at ${graphqlPaths}.` } });
}

async function serveGraphQL<TContext extends EdgeContext>(parts: RequestHandlerParts<TContext>, client: ClientName, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  res.on('finish', () => parts.metrics.observeRequest(client, res.statusCode, (performance.now() - started) / 1000));
  const method = req.method ?? 'GET';
  const page = parts.playgroundPages?.get(client);
  if (page && wantsPlayground(req)) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
    return;
  }
  if (parts.acceptingGraphQL && !parts.acceptingGraphQL()) {
    return sendGraphQLError(res, 'NOT_READY', errorCodes.NOT_READY.message, { 'retry-after': String(NOT_READY_RETRY_AFTER_SEC) });
  }
  // Admission (src/admission): refused at once while saturated, before the token or the body is
  // touched; an admitted request holds its slot until the response closes.
  const refusal = parts.admission?.admit(res, client);
  if (refusal) return sendRefusal(res, refusal);
  if (method !== 'GET' && method !== 'POST') {
    return sendGraphQLError(res, 'BAD_REQUEST', `Use GET or POST, not ${method}.`, { allow: 'GET, POST' });
  }
  let viewer;
  try {
    viewer = await parts.verifier.verify(req.headers.authorization, client);
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    const challenge: Record<string, string> =
      error.code === 'UNAUTHENTICATED' ? { 'www-authenticate': 'Bearer realm="ride-bff"' } : {};
    return sendGraphQLError(res, error.code, error.message, challenge);
  }
  // Rate limits per caller and per client app (src/admission), before the body is read.
  const viewerKey = viewerKeyOf(viewer, req.socket.remoteAddress);
  const limited = await parts.rateLimits?.checkRequest({ client, viewerKey });
  if (limited) return sendRefusal(res, limited);
  let body: unknown;
  if (method === 'POST') {
    const contentType = req.headers['content-type'] ?? '';
    if (!/^application\/(graphql-response\+)?json\b/i.test(contentType)) {
      throw new GatewayError('UNSUPPORTED_MEDIA_TYPE', `Send the GraphQL request as application/json, not "${contentType || 'no content type'}".`);
    }
    body = parseJsonBody(await readBody(req, parts.config.bodyLimitBytes));
  }
  // Limits before planning (src/limits): tokens, shape, argument bounds and cost; no service is called for a refusal.
  const request = readGraphQLRequest(method, body, req.url ?? '');
  const guarded = request ? parts.guards.get(client)?.check(request) : undefined;
  // Mutations have their own, tighter limits per caller and field (e.g. requestRide).
  if (guarded?.operationType === 'mutation') {
    const mutationLimited = await parts.rateLimits?.checkMutation({ client, viewerKey, fields: guarded.rootFields });
    if (mutationLimited) return sendRefusal(res, mutationLimited);
  }
  // Token-only authorization (src/authz), decided before planning: denied fields answer null unexecuted.
  const deniedFields = guarded ? parts.tokenRules.get(client)?.denials(guarded.coordinates, viewer) : undefined;
  const deadlineMs = requestDeadlineMs(parts.config.deadlineMs[client], req.headers[REQUEST_DEADLINE_HEADER]);
  const requestId = requestIdOf(req.headers['x-request-id']);
  res.setHeader('x-request-id', requestId);
  const context = parts.createContext({
    client,
    viewer,
    requestId,
    ...startRequestDeadline(res, deadlineMs),
    headers: req.headers,
    ...(guarded ? { estimatedCost: guarded.estimatedCost } : {}),
    ...(deniedFields?.size ? { deniedFields } : {}),
    responseBudget: new ResponseBudget(parts.config.limits.clients[client].maxResponseBytes),
  });
  const endpoint = parts.endpoints.get(client);
  if (!endpoint) throw new GatewayError('INTERNAL_SERVER_ERROR', `No endpoint for ${client}.`);
  await endpoint.handle(req, res, body, context);
}

/**
 * The request's deadline: the client's configured one, lowered (never raised) by a valid
 * `x-request-deadline-ms` header. A malformed header is BAD_REQUEST naming it.
 */
function requestDeadlineMs(configuredMs: number, header: string | string[] | undefined): number {
  if (header === undefined) return configuredMs;
  const text = Array.isArray(header) ? header[0] : header;
  const asked = Number(text);
  if (!text || !/^\d{1,7}$/.test(text.trim()) || !(asked > 0)) {
    throw new GatewayError('BAD_REQUEST', `${REQUEST_DEADLINE_HEADER} must be a positive whole number of milliseconds.`);
  }
  return Math.min(configuredMs, asked);
}
