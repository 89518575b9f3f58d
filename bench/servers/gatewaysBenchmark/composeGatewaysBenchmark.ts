import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { gatewaysBenchmarkSdl, gatewaysBenchmarkSubgraphNames, type GatewaysBenchmarkSubgraphName } from './subgraphSchemas.ts';

/**
 * The gateways benchmark's supergraph, composed with `@apollo/composition` (as `rover supergraph
 * compose` does) with each subgraph at `urls[name]`. Throws naming every composition error.
 */
export function composeGatewaysBenchmark(urls: Readonly<Record<GatewaysBenchmarkSubgraphName, string>>): string {
  const result = composeServices(gatewaysBenchmarkSubgraphNames.map((name) => ({ name, url: urls[name], typeDefs: parse(gatewaysBenchmarkSdl[name]) })));
  if (result.errors) throw new Error(`the gateways benchmark's subgraphs do not compose:\n- ${result.errors.map((error) => error.message).join('\n- ')}`);
  return result.supergraphSdl;
}

/** Where each subgraph is on the one server process (bench/servers/gatewaysBenchmarkServer.ts) at `baseUrl`: `<baseUrl>/<name>`. */
export function gatewaysBenchmarkUrls(baseUrl: string): Record<GatewaysBenchmarkSubgraphName, string> {
  return Object.fromEntries(gatewaysBenchmarkSubgraphNames.map((name) => [name, `${baseUrl}/${name}`])) as Record<GatewaysBenchmarkSubgraphName, string>;
}
