import { appendFileSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/harness/waitFor.ts';
import { readSupergraphFile } from './readSupergraphFile.ts';
import { SupergraphFileManager } from './SupergraphFileManager.ts';
import { watchFile } from './watchFile.ts';

function compose(fields: string): string {
  const sdl = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\ntype Query { ${fields} }`;
  const result = composeServices([{ name: 'shop', typeDefs: parse(sdl), url: 'http://127.0.0.1:4001/graphql' }]);
  if (!result.supergraphSdl) throw new Error(String(result.errors));
  return result.supergraphSdl;
}

const v1 = compose('hello: String');
const v2 = compose('hello: String world: String');
const v3 = compose('hello: String world: String again: Int');

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.map((stop) => stop()));
  stops = [];
});

/** A manager over a new file holding `v1`, initialized with an `update` that records (or throws when `refuse` says so). */
async function started(refuse: (sdl: string) => boolean = () => false) {
  const file = join(mkdtempSync(join(tmpdir(), 'supergraph-')), 'supergraph.graphql');
  writeFileSync(file, v1);
  const lines: string[] = [];
  const updates: string[] = [];
  // A long poll: fs.watch has to see these changes (the poll is the fallback, tested apart).
  const manager = new SupergraphFileManager(readSupergraphFile(file, { assumedListSize: 5 }), { assumedListSize: 5, pollIntervalMs: 60_000, debounceMs: 20, log: (line) => lines.push(line) });
  const { supergraphSdl, cleanup } = await manager.initialize({
    update: (sdl) => {
      if (refuse(sdl)) throw new Error('Invalid supergraph: nothing resolves "world".\nsecond line');
      updates.push(sdl);
    },
  });
  stops.push(cleanup);
  expect(supergraphSdl).toBe(v1);
  return { file, manager, lines, updates };
}

describe('SupergraphFileManager', () => {
  it('swaps in a valid new version and logs the time from the change to served; a rename counts as a change', async () => {
    const { file, manager, lines, updates } = await started();
    writeFileSync(file, v2);
    await waitFor(() => updates.length === 1, 10_000, 'the swap');
    expect(updates).toEqual([v2]);
    expect(manager.current.sdl).toBe(v2);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^supergraph: serving the new version of ${file} \\(1 subgraphs\\), \\d+ ms after the file changed\\.$`))]);
    expect(manager.details()).toMatchObject({ file, subgraphs: { shop: 'http://127.0.0.1:4001/graphql' }, lastReload: { servedAfterMs: expect.any(Number) } });
    // Written elsewhere and renamed over it, as `rover supergraph compose > tmp && mv tmp file` does.
    writeFileSync(`${file}.next`, v3);
    renameSync(`${file}.next`, file);
    await waitFor(() => updates.length === 2, 10_000, 'the second swap');
    expect(manager.current.sdl).toBe(v3);
  });

  it('refuses a broken version once, with the reason, and keeps serving the old one; the next good one is served', async () => {
    const { file, manager, lines, updates } = await started();
    writeFileSync(file, '');
    await waitFor(() => lines.length === 1, 10_000, 'the refusal');
    expect(lines[0]).toBe(`supergraph: refused the new version of ${file}: it is empty; still serving the version of ${new Date(manager.current.modifiedAt).toISOString()}.`);
    expect(manager.current.sdl).toBe(v1);
    expect(manager.details()).toMatchObject({ lastRefusal: { reason: 'it is empty' } });
    writeFileSync(file, v1.replace(/, url: "[^"]*"/, ''));
    await waitFor(() => lines.length === 2, 10_000, 'the second refusal');
    expect(lines[1]).toMatch(/refused the new version of .*: subgraph "shop" \(join__Graph.SHOP\) has no URL/);
    writeFileSync(file, v2);
    await waitFor(() => updates.length === 1, 10_000, 'the swap');
    expect(updates).toEqual([v2]);
    expect(lines).toHaveLength(3);
  });

  it('refuses what the gateway cannot load, keeping the old version current', async () => {
    const { file, manager, lines, updates } = await started((sdl) => sdl === v2);
    writeFileSync(file, v2);
    await waitFor(() => lines.length === 1, 10_000, 'the refusal');
    expect(lines[0]).toMatch(/: @apollo\/gateway cannot load it: Invalid supergraph: nothing resolves "world"\. second line; still serving/);
    expect(manager.current.sdl).toBe(v1);
    expect(updates).toEqual([]);
  });
});

describe('watchFile', () => {
  it('sees a change by polling alone, once per quiet period', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'watched-')), 'file.txt');
    writeFileSync(file, 'one');
    let changes = 0;
    const stop = watchFile(file, { pollIntervalMs: 50, debounceMs: 100, fsWatch: false, onChange: () => void (changes += 1) });
    stops.push(async () => stop());
    writeFileSync(file, 'two');
    appendFileSync(file, ' and three');
    await waitFor(() => changes >= 1, 10_000, 'the change');
    expect(changes).toBe(1);
  });
});
