/** Remote subgraphs: GraphQL over HTTP through the one call pipeline, each failed fetch answered field by field. */
export { createRemoteSubgraphs, RemoteDataSources, urlLocation, type RemoteParts, type RemoteSubgraphs, type RemoteSubgraphSpec } from './createRemoteSubgraphs.ts';
export { RemoteFallbacks } from './RemoteFallbacks.ts';
export { RemoteSubgraphDataSource, type RemoteFetchContext, type RemoteSubgraphOptions } from './RemoteSubgraphDataSource.ts';
