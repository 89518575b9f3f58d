/** Where published subgraph versions live with their history (files under `DATA_DIR`, or etcd), each replica's local snapshot of what it served, and the start-up fallback between them. */
export { createSchemaStore, type SchemaStoreConfig } from './createSchemaStore.ts';
export { FileSchemaStore, type FileSchemaStoreOptions } from './FileSchemaStore.ts';
export { EtcdSchemaStore, type EtcdSchemaStoreOptions, type StoreStatus } from './EtcdSchemaStore.ts';
export { DEFAULT_SCHEMA_PREFIX } from './etcdSchemaLayout.ts';
export { LocalSnapshot, type LocalSnapshotOptions, type SavedLiveSet } from './LocalSnapshot.ts';
export { openStoreWithSnapshot, type OpenStoreWithSnapshotOptions, type StartingLiveSet } from './openStoreWithSnapshot.ts';
export { StoreDamaged, StoreUnavailable, VersionTooLarge } from './storeErrors.ts';
export { sdlHash } from './sdlHash.ts';
export { isSubgraphName, SUBGRAPH_NAME_PATTERN } from './subgraphName.ts';
export type { LiveSet } from './LiveSetListeners.ts';
