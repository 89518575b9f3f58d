export { bffSubgraphName } from './bffSubgraphName.ts';
export { composeClientSupergraph, CompositionError, type ClientSupergraph, type SubgraphSdl } from './composeClientSupergraph.ts';
export { clientSubgraphSdls, composeClients, subgraphSdl } from './composeClients.ts';
export { createClientGateway, disableApolloTelemetry } from './createClientGateway.ts';
export { hideFromOtherClients } from './hideFromOtherClients.ts';
export { LocalSubgraphDataSource } from './LocalSubgraphDataSource.ts';
export { withPlanningFailures } from './withPlanningFailures.ts';
export { createRemoteSubgraphs, parseSubgraphUrl, RemoteSubgraphDataSource, urlSubgraphInstances, type RemoteFetchContext, type RemoteSubgraphs, type RemoteSubgraphSpec } from './remote/index.ts';
