import { createEtcdClient } from '../../registry/index.ts';
import { DEFAULT_APPS_PREFIX } from './etcdAppLayout.ts';
import { EtcdAppVersionStore } from './EtcdAppVersionStore.ts';
import { FileAppVersionStore } from './FileAppVersionStore.ts';
import type { AppVersionStore } from './types.ts';

/** What {@link createAppVersionStore} needs from the configuration. */
export interface AppVersionStoreConfig {
  /** `DATA_DIR`: versions live under `<dataDir>/apps/` without etcd. */
  readonly dataDir: string;
  /** `ETCD_ENDPOINTS`, and the prefix (default `/ride/apps/`). */
  readonly etcd?: { readonly endpoints: readonly string[]; readonly prefix?: string };
  readonly onError?: (message: string) => void;
}

/** The app version store the configuration asks for: etcd when endpoints are given (its own client, closed with the store), else files under `dataDir`. */
export async function createAppVersionStore(config: AppVersionStoreConfig): Promise<AppVersionStore> {
  if (config.etcd !== undefined) {
    return new EtcdAppVersionStore({
      client: createEtcdClient(config.etcd.endpoints),
      prefix: config.etcd.prefix ?? DEFAULT_APPS_PREFIX,
      ownsClient: true,
      ...(config.onError === undefined ? {} : { onError: config.onError }),
    });
  }
  return FileAppVersionStore.open({ dir: config.dataDir });
}

/** The apps' prefix beside a schema prefix: `/ride/schemas/` → `/ride/apps/`, `/x/y/` → `/x/y-apps/` (a sibling, so neither watch sees the other's keys). */
export function appsPrefixBeside(schemaPrefix: string): string {
  const trimmed = schemaPrefix.replace(/\/$/, '');
  return trimmed.endsWith('/schemas') ? `${trimmed.slice(0, -'schemas'.length)}apps/` : `${trimmed}-apps/`;
}
