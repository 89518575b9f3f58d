import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../test/harness/startEtcd.ts';
import { createSchemaStore } from './createSchemaStore.ts';
import { EtcdSchemaStore } from './EtcdSchemaStore.ts';
import { FileSchemaStore } from './FileSchemaStore.ts';

describe('createSchemaStore', () => {
  it('uses files under the data directory by default, and etcd when endpoints are configured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'create-store-'));
    try {
      const files = await createSchemaStore({ dataDir: dir });
      expect(files).toBeInstanceOf(FileSchemaStore);
      await files.close();
      // etcd need not be reachable to create the store: its calls fail later, each within its timeout.
      const etcd = await createSchemaStore({ dataDir: dir, etcd: { endpoints: [`http://127.0.0.1:${await freePort()}`] } });
      expect(etcd).toBeInstanceOf(EtcdSchemaStore);
      await etcd.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
