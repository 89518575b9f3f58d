/** HTTP caching of answers: `@cacheControl` hints declared in subgraph SDL, stripped before composition, applied by the edge. */
export { CacheHints, type AnswerCachePolicy, type CacheHint } from './CacheHints.ts';
export { cacheControlDirectiveName, cacheControlDirectiveSdl, cacheControlScopeEnumName, stripCacheControl } from './cacheControlDirective.ts';
