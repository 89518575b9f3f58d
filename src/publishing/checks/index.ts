/** Checks before anything is stored: the same for `check` and `publish`, and the repository's offline check. */
export { checkChange, type CheckOptions, type CheckResult } from './checkChange.ts';
export { checkPrincipal } from './checkPrincipal.ts';
export { checkClientSafety, type ClientSafety } from './checkClientSafety.ts';
export { loadClientOperations, parseOperationFile, repositoryRoot, type ClientOperationFile } from './ClientOperations.ts';
export { composeInThread, type Composer } from './Composer.ts';
export { createWorkerComposer, type WorkerComposer, type WorkerComposerOptions } from './WorkerComposer.ts';
export { compositionProblems } from './compositionProblems.ts';
export { apiSchemaOf, diffApiSchemas, diffSubgraphSdl } from './diffSchemas.ts';
export { formatCheckReport, formatOfflineCheck } from './formatReport.ts';
export { clientSubgraphs, liveSubgraph, withChange, type LiveGraph, type LiveSubgraph, type ProposedChange } from './LiveGraph.ts';
export { bffSdlPath, catalogSdlPath, liveGraphFromCatalog, type LiveGraphSources, type PublishedSubgraph } from './liveGraphFromCatalog.ts';
export { offlineCheck, type OfflineCheckOptions, type OfflineCheckResult } from './offlineCheck.ts';
export { runOfflineCheckCli } from './offlineCheckCli.ts';
export { maxSdlTokens, parseProposedSdl, type ParsedSdl } from './parseProposedSdl.ts';
export { resolveGitBase, type GitBase } from './gitBase.ts';
