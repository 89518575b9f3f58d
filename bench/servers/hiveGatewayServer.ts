/**
 * System C: `@graphql-hive/gateway`'s runtime over the same subgraph servers, from the same
 * supergraph file, on a plain `node:http` server. No usage reporting or tracing is configured, so
 * it sends nothing anywhere. It forwards `Authorization` and which client it serves; a remote
 * team's subgraph (IDENTITY_SUBGRAPHS, e.g. `promotions`) gets a gateway-signed identity token
 * instead, from its `propagateHeaders.fromClientToSubgraphs` hook (which runs per subgraph fetch,
 * as B's `willSendRequest` does; the same per-session cache).
 * Env: SUPERGRAPH_FILE; CLIENT (absent: nothing forwarded); IDENTITY_SUBGRAPHS and IDENTITY_SECRET.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { requiredEnv } from './benchServiceStack.ts';
import { subgraphIdentityFromEnv } from './identity/subgraphIdentityFromEnv.ts';

const client = process.env.CLIENT || undefined;
const identity = subgraphIdentityFromEnv();
const gateway = createGatewayRuntime({
  supergraph: requiredEnv('SUPERGRAPH_FILE'),
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
  logging: 'error',
  ...(client || identity
    ? {
        propagateHeaders: {
          fromClientToSubgraphs: async ({ request, subgraphName }: { request: Request; subgraphName: string }) => {
            const authorization = request.headers.get('authorization') ?? undefined;
            if (identity?.subgraphs.has(subgraphName.toLowerCase())) {
              // A remote team's service: it gets who the viewer is, vouched for by the gateway, never the client's token.
              const token = await identity.token(authorization, subgraphName);
              return token ? { 'x-identity-token': token } : {};
            }
            return { ...(client ? { 'x-bff-client': client } : {}), ...(authorization ? { authorization } : {}) };
          },
        },
      }
    : {}),
});

const server = createServer(gateway);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`hive gateway (${client ?? 'no client'}) listening on http://127.0.0.1:${port}`);
});

// Exit normally on SIGTERM, so that `--cpu-prof` writes its profile.
process.once('SIGTERM', () => process.exit(0));
