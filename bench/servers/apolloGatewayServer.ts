/**
 * System B's gateway: plain `@apollo/gateway` + `@apollo/server` (standalone) over the subgraph
 * servers, from a composed supergraph file whose subgraph URLs point at them. It forwards the
 * caller's `Authorization` (the BFF subgraph needs the viewer) and which client it serves; a
 * remote team's subgraph (IDENTITY_SUBGRAPHS, e.g. `promotions`) gets a gateway-signed identity
 * token instead (signed in `willSendRequest`, cached per session), as the gateway under test sends.
 * Env: SUPERGRAPH_FILE; CLIENT (absent: nothing forwarded, as for the public gateways benchmark);
 * IDENTITY_SUBGRAPHS and IDENTITY_SECRET.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { requiredEnv } from './benchServiceStack.ts';
import { subgraphIdentityFromEnv } from './identity/subgraphIdentityFromEnv.ts';

/** What the gateway keeps per request: the header it forwards. */
interface ForwardContext {
  readonly authorization: string | undefined;
}

// Nothing leaves the machine: no telemetry from @apollo/gateway, no usage reporting.
process.env.APOLLO_TELEMETRY_DISABLED = '1';
const client = process.env.CLIENT || undefined;
const identity = subgraphIdentityFromEnv();

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(requiredEnv('SUPERGRAPH_FILE'), 'utf8'),
  buildService: ({ name, url }) =>
    new RemoteGraphQLDataSource<ForwardContext>({
      url,
      async willSendRequest({ request, context }) {
        const headers = request.http?.headers;
        if (identity?.subgraphs.has(name.toLowerCase())) {
          // A remote team's service: it gets who the viewer is, vouched for by the gateway, never the client's token.
          const token = await identity.token(context.authorization, name);
          if (token) headers?.set('x-identity-token', token);
          return;
        }
        if (context.authorization) headers?.set('authorization', context.authorization);
        if (client) headers?.set('x-bff-client', client);
      },
    }),
});

const server = new ApolloServer<ForwardContext>({
  gateway,
  stopOnTerminationSignals: false,
  // The same Apollo Server knobs as the gateway under test, so that only the topology differs.
  plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginCacheControlDisabled()],
});
const { url } = await startStandaloneServer(server, {
  listen: { port: 0, host: '127.0.0.1' },
  context: async ({ req }) => ({ authorization: req.headers.authorization }),
});
console.log(`apollo gateway (${client ?? 'no client'}) listening on ${url.replace(/\/$/, '')}`);

// Exit normally on SIGTERM, so that `--cpu-prof` writes its profile.
process.once('SIGTERM', () => process.exit(0));
