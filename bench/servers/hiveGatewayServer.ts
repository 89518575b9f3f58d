/**
 * System C: `@graphql-hive/gateway`'s runtime over the same subgraph servers, from the same
 * supergraph file, on a plain `node:http` server. No usage reporting or tracing is configured, so
 * it sends nothing anywhere. It forwards `Authorization` and which client it serves.
 * Env: SUPERGRAPH_FILE, CLIENT.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { requiredEnv } from './benchServiceStack.ts';

const client = requiredEnv('CLIENT');
const gateway = createGatewayRuntime({
  supergraph: requiredEnv('SUPERGRAPH_FILE'),
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
  logging: 'error',
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => {
      const authorization = request.headers.get('authorization');
      return { 'x-bff-client': client, ...(authorization ? { authorization } : {}) };
    },
  },
});

const server = createServer(gateway);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`hive gateway (${client}) listening on http://127.0.0.1:${port}`);
});

// Exit normally on SIGTERM, so that `--cpu-prof` writes its profile.
process.once('SIGTERM', () => process.exit(0));
