/**
 * A child process for the file store's crash test: publishes versions of one subgraph as fast as
 * it can and prints each acknowledged version number on its own line, until it is killed.
 * Usage: node --import tsx test/harness/filePublishLoop.ts <dataDir> <subgraph> <sdlBytes>
 */
// The file itself, not the folder's index: the child starts faster without etcd and the resilience modules.
import { FileSchemaStore } from '../../src/publishing/store/FileSchemaStore.ts';
import { draftVersion, sdlOfSize } from './draftVersion.ts';

const [dir, subgraph, bytes] = process.argv.slice(2);
if (dir === undefined || subgraph === undefined) throw new Error('usage: filePublishLoop.ts <dataDir> <subgraph> <sdlBytes>');
const store = await FileSchemaStore.open({ dir });
const base = sdlOfSize(Number(bytes ?? 10_000));
let live = (await store.live()).get(subgraph)?.version ?? 0;
for (;;) {
  const published = await store.publish(draftVersion(subgraph, `${base}\n# ${live + 1}\n`), live);
  live = published.version;
  process.stdout.write(`${live}\n`);
}
