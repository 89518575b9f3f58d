/** App versions: each app's published manifests of trusted documents, their store, the endpoints' lookup and the admin routes. */
export type { AppDocuments, DocumentLookup } from './AppDocuments.ts';
export { repositoryAppDocuments, repositoryAppVersion } from './repositoryAppDocuments.ts';
export { AppVersions, DEFAULT_MAX_MANIFEST_BYTES, ManifestRejected, type AppVersionCheck, type AppVersionsOptions } from './AppVersions.ts';
export { AppCatalog, type AppVersionSummary } from './AppCatalog.ts';
export { appVersionOf, compareSemver, isSemver, parseAppVersion, type AppVersionName } from './appVersionName.ts';
export { checkAppManifest, type ManifestCheck, type ManifestDocumentProblem } from './checkAppManifest.ts';
export { appsPrefixBeside, createAppVersionStore, type AppVersionStoreConfig } from './createAppVersionStore.ts';
export { FileAppVersionStore } from './FileAppVersionStore.ts';
export { EtcdAppVersionStore, type EtcdAppVersionStoreOptions } from './EtcdAppVersionStore.ts';
export { DEFAULT_APPS_PREFIX, DEFAULT_CHUNK_BYTES } from './etcdAppLayout.ts';
export { AppVersionExists, type AppState, type AppStoreContents, type AppVersionStore, type StoredAppVersion } from './types.ts';
export { withRepositoryDocuments } from './withRepositoryDocuments.ts';
