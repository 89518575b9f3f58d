import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendRefusal, viewerKeyOf, type AdmissionController, type RateLimits } from '../admission/index.ts';
import type { ViewerVerifier } from '../auth/index.ts';
import { errorCodes, GatewayError, isGatewayError } from '../errors/index.ts';
import { ResponseBudget } from '../limits/index.ts';
import type { EdgeContext } from './EdgeContext.ts';
import type { EdgeRequest } from './EdgeRequest.ts';
import type { GraphQLRoute } from './GraphQLRoute.ts';
import { playgroundContentSecurityPolicy, wantsPlayground } from './playground/wantsPlayground.ts';
import type { GatewayMetrics } from './metrics.ts';
import { parseJsonBody, readBody } from '../http/readBody.ts';
import { readGraphQLRequest } from './readGraphQLRequest.ts';
import { resolveDocumentRequest } from './resolveDocumentRequest.ts';
import type { TrustedDocuments } from './TrustedDocuments.ts';
import { resolveAutomaticPersistedQuery } from './automaticPersistedQuery.ts';
import { startRequestDeadline } from './requestDeadline.ts';
import { requestIdOf } from './requestId.ts';
import type { ReadinessReport } from './ReadinessReport.ts';
import { sendGraphQLError, sendJson } from './sendJson.ts';
import { APP_VERSION_HEADER } from './appVersionHeader.ts';

/** A handler for a path prefix that is not GraphQL (registry API, demo proxy); false when not its path. */
export type SideHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/**
 * Everything the router needs, wired by `startGateway` (or `startPlainGateway`); `TName` names the
 * routes (client apps, or `plain`), `TContext` is the request context, opaque here but for {@link EdgeContext}.
 */
export interface RequestHandlerParts<TName extends string, TContext extends EdgeContext> {
  /** The GraphQL paths (`/passenger/graphql`, or `/graphql`), each with its endpoint, audience, limits and deadline. */
  readonly routes: ReadonlyMap<string, GraphQLRoute<TName, TContext>>;
  /** Largest request body accepted, bytes. */
  readonly bodyLimitBytes: number;
  readonly verifier: ViewerVerifier;
  /** Builds a request's context from what the edge decided (src/startGateway.ts injects the subgraphs' factory). */
  readonly createContext: (request: EdgeRequest<TName>) => TContext;
  readonly metrics: GatewayMetrics;
  readonly readiness: () => ReadinessReport;
  /**
   * False while the gateway is starting: GraphQL requests then get 503 NOT_READY with Retry-After
   * (everything else is served: the registry API, /readyz, the playground page). Absent: always true.
   */
  readonly acceptingGraphQL?: () => boolean;
  readonly sideHandlers: readonly SideHandler[];
  /** Refuses GraphQL requests with 503 OVERLOADED while the gateway is saturated (src/admission). Absent: never. */
  readonly admission?: AdmissionController;
  /** Per-caller and per-app rate limits, 429 RATE_LIMITED (src/admission). Absent: none. */
  readonly rateLimits?: RateLimits;
  /** The apps' published documents, for requests naming one by `documentId` (src/publishing/apps). Absent: no id is known. */
  readonly appDocuments?: TrustedDocuments;
}

/** Header with which a client lowers its request's deadline, ms (never raises it). */
export const REQUEST_DEADLINE_HEADER = 'x-request-deadline-ms';

/** Retry-After of a 503 NOT_READY while the gateway starts, seconds. */
const NOT_READY_RETRY_AFTER_SEC = 1;

/**
 * The gateway's HTTP routing: the GraphQL routes (`/<client>/graphql`, or `/graphql`), `/healthz`,
 * `/readyz`, `/metrics`, and the side handlers (registry API, demo proxy). Every failure becomes a
 * JSON error with a status; nothing thrown here reaches Node.
 */
export function createRequestHandler<TName extends string, TContext extends EdgeContext>(
  parts: RequestHandlerParts<TName, TContext>,
): (req: IncomingMessage, res: ServerResponse) => void {
  // Where GraphQL is, for the 404 answer: every route's path, e.g. `/a/graphql, /b/graphql and /c/graphql`.
  const graphqlPaths = [...parts.routes.keys()].join(', ').replace(/, ([^,]*)$/, ' and $1');
  return (req, res) => {
    route(parts, graphqlPaths, req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (isGatewayError(error)) sendGraphQLError(res, error.code, error.message);
      else sendGraphQLError(res, 'INTERNAL_SERVER_ERROR', 'Internal error.');
    });
  };
}

async function route<TName extends string, TContext extends EdgeContext>(
  parts: RequestHandlerParts<TName, TContext>,
  graphqlPaths: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
  const graphqlRoute = parts.routes.get(path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);
  if (graphqlRoute) return serveGraphQL(parts, graphqlRoute, req, res);
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

async function serveGraphQL<TName extends string, TContext extends EdgeContext>(
  parts: RequestHandlerParts<TName, TContext>,
  graphqlRoute: GraphQLRoute<TName, TContext>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const client = graphqlRoute.name;
  const started = performance.now();
  res.on('finish', () => parts.metrics.observeRequest(client, res.statusCode, (performance.now() - started) / 1000));
  const method = req.method ?? 'GET';
  const page = graphqlRoute.playgroundPage;
  if (page && wantsPlayground(req)) {
    // Never cached (it carries demo tokens), and the browser may reach nothing but this gateway.
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': playgroundContentSecurityPolicy, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    res.end(await page());
    return;
  }
  // No GraphQL answer is cached unless httpCaching.ts says so (a public GET): refusals included.
  res.setHeader('cache-control', 'private, no-store');
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
    viewer = await parts.verifier.verifyFor(req.headers.authorization, graphqlRoute.audience);
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
    body = parseJsonBody(await readBody(req, parts.bodyLimitBytes));
  }
  // Trusted documents: a document named by id becomes its published text; with the `required`
  // policy nothing else gets past here, and nothing has parsed any GraphQL yet.
  const named = resolveDocumentRequest({
    client,
    policy: graphqlRoute.trustedDocuments ?? 'allowed',
    documents: parts.appDocuments,
    method,
    body,
    url: req.url ?? '',
    appVersionHeader: req.headers[APP_VERSION_HEADER],
  });
  // Automatic persisted queries resolve to text here, before the limits: a hash-only request is checked like any other.
  const resolved = await resolveAutomaticPersistedQuery(method, named.body, named.url.includes('?') ? named.url.slice(named.url.indexOf('?')) : '', graphqlRoute.persistedQueries);
  body = resolved.body;
  // Limits before planning (src/limits): tokens, shape, argument bounds and cost; no service is called for a refusal.
  const request = readGraphQLRequest(method, body, resolved.search);
  const guarded = request ? graphqlRoute.guard.check(request) : undefined;
  // GraphQL over HTTP: a GET carries queries only (it may be replayed, prefetched, cached).
  if (method === 'GET' && guarded?.operationType !== undefined && guarded.operationType !== 'query') {
    return sendGraphQLError(res, 'METHOD_NOT_ALLOWED', `GET carries queries only; send this ${guarded.operationType} with POST.`, { allow: 'POST' });
  }
  // Registered once admitted (in the background: the answer never waits for Redis).
  if (resolved.register) void resolved.register();
  // Mutations have their own, tighter limits per caller and field (e.g. requestRide).
  if (guarded?.operationType === 'mutation') {
    const mutationLimited = await parts.rateLimits?.checkMutation({ client, viewerKey, fields: guarded.rootFields });
    if (mutationLimited) return sendRefusal(res, mutationLimited);
  }
  // Token-only authorization (src/authz), decided before planning: denied fields answer null unexecuted.
  const deniedFields = guarded ? graphqlRoute.tokenRules?.denials(guarded.coordinates, viewer) : undefined;
  const deadlineMs = requestDeadlineMs(graphqlRoute.deadlineMs, req.headers[REQUEST_DEADLINE_HEADER]);
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
    responseBudget: new ResponseBudget(graphqlRoute.maxResponseBytes),
  });
  // Cacheable only when sent by GET: what the answer's fields allow (src/cacheControl); Apollo's own answer otherwise.
  const cachePolicy = method === 'GET' && guarded?.operationType === 'query' ? graphqlRoute.cachePolicy?.(guarded.coordinates) : undefined;
  await graphqlRoute.endpoint.handle(req, res, body, context, {
    search: resolved.search,
    ...(cachePolicy ? { cachePolicy } : {}),
    // A trusted document is known and (checked above) a query: a GET naming one needs no CSRF preflight header.
    knownQuery: named.trusted !== undefined && guarded?.operationType === 'query',
  });
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
