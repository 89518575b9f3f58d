import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { sendJson } from '../../http/sendJson.ts';
import type { FaultGate } from '../faults/FaultGate.ts';
import { passFaultGate } from '../faults/passFaultGate.ts';
import type { RequestCounter } from '../faults/RequestCounter.ts';
import { HttpListener } from '../instance/HttpListener.ts';
import { HttpError } from '../rest/HttpError.ts';
import { readJsonBody } from '../rest/readJsonBody.ts';
import { errorBody, GraphqlExecutor, type GraphqlReply } from './GraphqlExecutor.ts';
import type { Identity, SubgraphContext } from './Identity.ts';
import type { IdentityVerifier } from './IdentityVerifier.ts';
import { parseGraphqlRequest } from './parseGraphqlRequest.ts';
import { DEADLINE_HEADER, readDeadlineHeader } from './readDeadlineHeader.ts';
import { RequestRecorder, type RecordedRequest } from './RequestRecorder.ts';

/** The header carrying the gateway-signed identity token. */
export const IDENTITY_HEADER = 'x-identity-token';
/** Where recorded requests are read (demo mode): `GET` lists them, `DELETE` forgets them. */
export const LAST_REQUESTS_PATH = '/debug/last-requests';

/** What a GraphQL instance serves and how its faults and counts are kept. */
export interface GraphqlServiceServerOptions {
  host: string;
  schema: GraphQLSchema;
  /** Where GraphQL is served (POST JSON); default `/graphql`, registered as `metadata.path`. */
  path?: string;
  gate: FaultGate;
  counter: RequestCounter;
  identity: IdentityVerifier;
  /** Demo mode: keeps the last requests' headers for `GET /debug/last-requests`; absent: no such route. */
  recorder?: RequestRecorder;
  /** Epoch ms; injected for tests. */
  now?: () => number;
}

/** Largest request body accepted, in bytes (an `_entities` fetch of thousands of representations fits). */
const MAX_BODY_BYTES = 4_194_304;

/** A recorded request and, as of reading, what its identity token proves. */
export interface RecordedRequestView extends RecordedRequest {
  readonly identity: Identity;
}

/**
 * A GraphQL subgraph service on node:http: `POST <path>` with a JSON body, `GET /healthz`, fault
 * injection and counting as every fleet service has (one POST is one request, however many
 * entities it asks for; `error` is HTTP 500, `flaky` 503). A request's `x-request-deadline-ms`
 * bounds the work: past it the answer is 504 `DEADLINE_EXCEEDED` (an injected delay stops there).
 * The identity token (`x-identity-token`) is verified only when a resolver needs it.
 */
export class GraphqlServiceServer extends HttpListener {
  readonly #options: GraphqlServiceServerOptions;
  readonly #path: string;
  readonly #executor: GraphqlExecutor;
  readonly #now: () => number;

  constructor(options: GraphqlServiceServerOptions) {
    super('graphql', options.host);
    this.#options = options;
    this.#path = options.path ?? '/graphql';
    this.#executor = new GraphqlExecutor(options.schema);
    this.#now = options.now ?? Date.now;
  }

  /** Where GraphQL is served, e.g. `/graphql`. */
  get path(): string {
    return this.#path;
  }

  /** @inheritdoc */
  protected async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://service').pathname;
    const { recorder, gate, counter } = this.#options;
    if (recorder !== undefined && path === LAST_REQUESTS_PATH) return this.#serveRecorded(method, res, recorder);
    const health = path === '/healthz';
    const arrivedAt = this.#now();
    let recorded: RecordedRequest | undefined;
    if (!health) {
      counter.increment();
      recorded = recorder?.record(method, path, req.headers);
    }
    const remainingMs = health ? undefined : readDeadlineHeader(req.headers[DEADLINE_HEADER]);
    if (remainingMs === 'invalid') {
      return reply(res, { status: 400, body: errorBody('BAD_REQUEST', `${DEADLINE_HEADER} must be the remaining milliseconds, a non-negative number`) });
    }
    const deadlineAt = remainingMs === undefined ? Number.POSITIVE_INFINITY : arrivedAt + remainingMs;
    const outcome = await passFaultGate(gate, res, deadlineAt, this.#now);
    switch (outcome.kind) {
      case 'gone':
        return;
      case 'fail':
        return reply(res, { status: outcome.failure.status, body: errorBody(outcome.failure.code, outcome.failure.message) });
      case 'deadline':
        return reply(res, deadlineExceeded());
      case 'serve':
        break;
    }
    if (health) return sendJson(res, 200, { status: 'ok' });
    if (path !== this.#path) return reply(res, { status: 404, body: errorBody('NOT_FOUND', `no route ${path}; GraphQL is served at POST ${this.#path}`) });
    if (method !== 'POST') {
      return sendJson(res, 405, errorBody('METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}; send POST with a JSON body`), { allow: 'POST' });
    }
    try {
      const request = parseGraphqlRequest(await readJsonBody(req, MAX_BODY_BYTES));
      if (recorded !== undefined) RequestRecorder.describe(recorded, request.query, request.operationName);
      if (this.#now() >= deadlineAt) return reply(res, deadlineExceeded());
      const token = headerValue(req.headers[IDENTITY_HEADER]);
      let identity: Promise<Identity> | undefined;
      const context: SubgraphContext = { identity: () => (identity ??= this.#options.identity.verify(token)) };
      reply(res, await withinDeadline(this.#executor.run(request, context), deadlineAt - this.#now()));
    } catch (error) {
      if (error instanceof HttpError) reply(res, { status: error.status, body: errorBody(error.code, error.message) });
      else reply(res, { status: 500, body: errorBody('INTERNAL_SERVER_ERROR', error instanceof Error ? error.message : String(error)) });
    }
  }

  /** `GET /debug/last-requests`: `{"requests": [...]}`, oldest first; `DELETE` forgets them. Not counted, no fault applies. */
  async #serveRecorded(method: string, res: ServerResponse, recorder: RequestRecorder): Promise<void> {
    if (method === 'DELETE') {
      recorder.clear();
      res.writeHead(204).end();
      return;
    }
    if (method !== 'GET') return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${method} is not allowed on ${LAST_REQUESTS_PATH}` } }, { allow: 'GET, DELETE' });
    const requests: RecordedRequestView[] = await Promise.all(
      recorder.entries().map(async (entry) => ({ ...entry, identity: await this.#options.identity.verify(headerValue(entry.headers[IDENTITY_HEADER])) })),
    );
    sendJson(res, 200, { requests });
  }
}

function reply(res: ServerResponse, answer: GraphqlReply): void {
  sendJson(res, answer.status, answer.body);
}

function deadlineExceeded(): GraphqlReply {
  return { status: 504, body: errorBody('DEADLINE_EXCEEDED', `the caller's ${DEADLINE_HEADER} passed before the answer was ready`) };
}

/** A header's value; the first when repeated. */
function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `work`'s answer, or 504 once `remainingMs` pass first (the work's result is then dropped). */
async function withinDeadline(work: Promise<GraphqlReply>, remainingMs: number): Promise<GraphqlReply> {
  if (!Number.isFinite(remainingMs)) return work;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<GraphqlReply>((resolve) => (timer = setTimeout(() => resolve(deadlineExceeded()), Math.max(0, remainingMs))));
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
