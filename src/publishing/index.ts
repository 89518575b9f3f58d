/** Schema publishing: the graph as published, checks, stores with history, the admin API. */
export { PublishedGraph, type ServedSubgraph } from './PublishedGraph.ts';
export { StoreConflict, type BrokenOperation, type CheckReport, type CompositionProblem, type Principal, type PublishedLocation, type SchemaChange, type SchemaStore, type SubgraphVersion } from './types.ts';
export { AdminAuth } from './AdminAuth.ts';
export { ADMIN_API_PREFIX, createAdminHandler } from './createAdminHandler.ts';
export { Publisher, type Checks, type ProposedChange, type PublishOutcome, type PublishRequest, type PublisherOptions } from './Publisher.ts';
export { recentChanges, type ClientSchemaChange } from './recentChanges.ts';
