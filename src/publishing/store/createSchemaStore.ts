import { createEtcdClient } from '../../registry/index.ts';
import type { SchemaStore } from '../types.ts';
import { DEFAULT_SCHEMA_PREFIX } from './etcdSchemaLayout.ts';
import { EtcdSchemaStore, type StoreStatus } from './EtcdSchemaStore.ts';
import { FileSchemaStore } from './FileSchemaStore.ts';

/** What {@link createSchemaStore} needs from the configuration. */
export interface SchemaStoreConfig {
  /** `DATA_DIR`: the file store's directory (unused with etcd, where it holds the local snapshot only). */
  readonly dataDir: string;
  /** `ETCD_ENDPOINTS` and `ETCD_SCHEMA_PREFIX` (default `/ride/schemas/`): versions live in etcd. */
  readonly etcd?: { readonly endpoints: readonly string[]; readonly prefix?: string };
  /** With etcd: called when the store's watch loses or regains etcd; must not throw. */
  readonly onStatusChange?: (status: StoreStatus) => void;
}

/**
 * The schema store the configuration asks for: etcd when endpoints are given (its own client,
 * closed with the store), else the file store under `dataDir` (opened: stray temporary files
 * removed, live versions read). Rejects with `StoreDamaged` when the file store's live versions
 * do not read back whole; an unreachable etcd is no error here (the store's calls reject later).
 */
export async function createSchemaStore(config: SchemaStoreConfig): Promise<SchemaStore> {
  if (config.etcd !== undefined) {
    return new EtcdSchemaStore({
      client: createEtcdClient(config.etcd.endpoints),
      prefix: config.etcd.prefix ?? DEFAULT_SCHEMA_PREFIX,
      ownsClient: true,
      ...(config.onStatusChange === undefined ? {} : { onStatusChange: config.onStatusChange }),
    });
  }
  return FileSchemaStore.open({ dir: config.dataDir });
}
