export { buildDomainSubgraphSchemas, buildExecutableSubgraph } from './buildDomainSubgraphSchemas.ts';
export { Loaders } from './loaders/Loaders.ts';
export type { RequestContext } from './RequestContext.ts';
export { readOptions, writeOptions } from './RequestContext.ts';
export { createRequestContext, type RequestContextInit } from './createRequestContext.ts';
