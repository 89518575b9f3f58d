/**
 * The public gateways benchmark's four subgraphs (bench/servers/gatewaysBenchmark/) in one
 * `node:http` process, one path each, as the benchmark's own Rust server serves them:
 *   POST /accounts · /inventory · /products · /reviews   GraphQL over HTTP (POST JSON)
 *   GET /stats · POST /stats/reset                       requests per subgraph since the last reset
 *   PUT /delay {"ms": N}                                 every answer N ms later (the benchmark's SUBGRAPH_DELAY_MS)
 * Built to be fast, so that the gateways in front of it are the bottleneck: documents are parsed
 * and validated once per text, and since the data is static, each answer is kept per request body
 * (bounded) and sent again as is when the same body comes back (every gateway sends the same few).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execute, parse, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { buildGatewaysBenchmarkSchema, gatewaysBenchmarkSubgraphNames } from './gatewaysBenchmark/subgraphSchemas.ts';

/** Largest request body read, bytes. */
const bodyLimitBytes = 1_048_576;
/** Answers kept per subgraph, by request body; the oldest goes first past it. */
const memoEntries = 1_000;

interface Subgraph {
  readonly schema: GraphQLSchema;
  /** Parsed and validated documents by text; a string is the validation error. */
  readonly documents: Map<string, DocumentNode | string>;
  /** Answers (JSON text) by request body. */
  readonly answers: Map<string, string>;
  requests: number;
}

const subgraphs = new Map<string, Subgraph>(
  gatewaysBenchmarkSubgraphNames.map((name) => [`/${name}`, { schema: buildGatewaysBenchmarkSchema(name), documents: new Map(), answers: new Map(), requests: 0 }]),
);
let delayMs = 0;

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > bodyLimitBytes) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function documentOf(subgraph: Subgraph, query: string): DocumentNode | string {
  let document = subgraph.documents.get(query);
  if (document === undefined) {
    try {
      const parsed = parse(query);
      const errors = validate(subgraph.schema, parsed);
      document = errors.length > 0 ? errors.map((error) => error.message).join('; ') : parsed;
    } catch (error) {
      document = (error as Error).message;
    }
    subgraph.documents.set(query, document);
  }
  return document;
}

async function answer(subgraph: Subgraph, body: string): Promise<{ status: number; text: string }> {
  const known = subgraph.answers.get(body);
  if (known !== undefined) return { status: 200, text: known };
  let request: { query?: unknown; variables?: unknown; operationName?: unknown };
  try {
    request = JSON.parse(body) as typeof request;
  } catch {
    return { status: 400, text: JSON.stringify({ errors: [{ message: 'The body is not JSON.' }] }) };
  }
  if (typeof request.query !== 'string') return { status: 400, text: JSON.stringify({ errors: [{ message: 'No query.' }] }) };
  const document = documentOf(subgraph, request.query);
  if (typeof document === 'string') return { status: 400, text: JSON.stringify({ errors: [{ message: document }] }) };
  const result: ExecutionResult = await execute({
    schema: subgraph.schema,
    document,
    variableValues: (request.variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: typeof request.operationName === 'string' ? request.operationName : undefined,
  });
  const text = JSON.stringify(result);
  if (!result.errors) {
    if (subgraph.answers.size >= memoEntries) subgraph.answers.delete(subgraph.answers.keys().next().value as string);
    subgraph.answers.set(body, text);
  }
  return { status: 200, text };
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const subgraph = subgraphs.get(path);
  if (subgraph && req.method === 'POST') {
    subgraph.requests++;
    const body = await readBody(req);
    const { status, text } = await answer(subgraph, body);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return send(res, status, text);
  }
  if (path === '/stats' && req.method === 'GET') {
    return send(res, 200, JSON.stringify(Object.fromEntries([...subgraphs].map(([key, s]) => [key.slice(1), s.requests]))));
  }
  if (path === '/stats/reset' && req.method === 'POST') {
    for (const s of subgraphs.values()) s.requests = 0;
    return send(res, 200, '{}');
  }
  if (path === '/delay' && req.method === 'PUT') {
    const { ms } = JSON.parse(await readBody(req)) as { ms?: unknown };
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0) return send(res, 400, JSON.stringify({ error: 'ms must be an integer ≥ 0' }));
    delayMs = ms;
    return send(res, 200, JSON.stringify({ ms }));
  }
  if (path === '/health') return send(res, 200, '"OK"');
  send(res, 404, JSON.stringify({ error: 'not found' }));
}

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  handle(req, res).catch((error: unknown) => {
    if (res.headersSent) return void res.destroy();
    send(res, 500, JSON.stringify({ errors: [{ message: (error as Error).message }] }));
  });
});
server.listen(0, '127.0.0.1', () => {
  console.log(`gateways-benchmark subgraphs listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

// Exit normally on SIGTERM, so that `--cpu-prof` writes its profile.
process.once('SIGTERM', () => process.exit(0));
