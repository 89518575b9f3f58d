/** Remote subgraphs: GraphQL over HTTP through the one call pipeline, each failed fetch answered field by field. */
export { RemoteDataSources, toRemoteLocation, type RemoteParts, type RemoteSubgraphSpec } from './RemoteDataSources.ts';
export { RemoteFallbacks } from './RemoteFallbacks.ts';
export { RemoteSubgraphDataSource, type RemoteFetchContext, type RemoteSubgraphOptions } from './RemoteSubgraphDataSource.ts';
