/**
 * System B/C's subgraph: one domain subgraph (`SUBGRAPH=riders`, ...) or one client's BFF subgraph
 * (`SUBGRAPH=bff-passenger`) as its own `@apollo/subgraph` HTTP server (Apollo Server standalone),
 * with the project's own resolvers, DataLoaders, upstream clients and caches: only the topology differs
 * from the gateway under test. The request context is built per request from the headers the
 * gateway forwards (`authorization`, `x-bff-client`). Env: SUBGRAPH, and the gateway's own (REGISTRY_URL, JWT_SECRET, ...).
 */
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ViewerVerifier } from '../../src/auth/index.ts';
import { buildBffSchema } from '../../src/bff/index.ts';
import { isClientName, type ClientName } from '../../src/config/index.ts';
import { isGatewayError } from '../../src/errors/index.ts';
import { requestIdOf, startRequestDeadline } from '../../src/server/index.ts';
import { buildDomainSubgraphSchemas, createRequestContext, type RequestContext } from '../../src/subgraphs/index.ts';
import { createBenchServiceStack, requiredEnv } from './benchServiceStack.ts';

const subgraph = requiredEnv('SUBGRAPH');
const bffClient = subgraph.startsWith('bff-') ? subgraph.slice('bff-'.length) : undefined;
if (bffClient !== undefined && !isClientName(bffClient)) throw new Error(`unknown client in SUBGRAPH=${subgraph}`);
const schema = bffClient ? buildBffSchema(bffClient as ClientName) : buildDomainSubgraphSchemas().get(subgraph);
if (!schema) throw new Error(`unknown subgraph SUBGRAPH=${subgraph}`);

const { config, upstreams, priceCache, idempotency } = await createBenchServiceStack();
const verifier = new ViewerVerifier(config.auth);

/** Keeps a GatewayError's code (and service) as the gateway under test does; masks the rest. */
function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const cause = unwrapResolverError(error);
  if (!isGatewayError(cause)) return formatted;
  return { ...formatted, message: cause.message, extensions: { code: cause.code, ...(cause.service ? { service: cause.service } : {}) } };
}

const server = new ApolloServer<RequestContext>({
  schema,
  formatError,
  stopOnTerminationSignals: false,
  // The same Apollo Server knobs as the gateway under test, so that only the topology differs.
  plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginCacheControlDisabled()],
});

const { url } = await startStandaloneServer(server, {
  listen: { port: 0, host: '127.0.0.1' },
  async context({ req, res }) {
    const header = req.headers['x-bff-client'];
    const client: ClientName = typeof header === 'string' && isClientName(header) ? header : 'passenger';
    // Every subgraph needs to know who is asking: the domain subgraphs' fields carry authorization rules (src/authz).
    const viewer = await verifier.verify(req.headers.authorization, client);
    // The gateway's whole-request deadline for that client, applied per subgraph request here.
    const idempotencyKey = req.headers['idempotency-key'];
    return createRequestContext({
      client,
      viewer,
      ...startRequestDeadline(res, config.deadlineMs[client]),
      requestId: requestIdOf(req.headers['x-request-id']),
      headers: req.headers,
      upstreams,
      idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
      priceCache,
      idempotency,
    });
  },
});
console.log(`subgraph ${subgraph} listening on ${url.replace(/\/$/, '')}`);

// Exit normally on SIGTERM, so that `--cpu-prof` writes its profile.
process.once('SIGTERM', () => process.exit(0));
