export { buildDomainSubgraphSchemas, buildExecutableSubgraph } from './buildDomainSubgraphSchemas.ts';
export { createLoaders, type Loaders } from './loaders/createLoaders.ts';
export type { RequestContext } from './RequestContext.ts';
export { readOptions, writeOptions } from './RequestContext.ts';
export { createRequestContext, type RequestContextInit } from './createRequestContext.ts';
