import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { draftVersion, sdlOfSize } from '../../../test/harness/draftVersion.ts';
import { GiveUp, waitFor } from '../../../test/harness/waitFor.ts';
import { StoreConflict, type SubgraphVersion } from '../types.ts';
import { FileSchemaStore } from './FileSchemaStore.ts';
import type { LiveSet } from './LiveSetListeners.ts';
import { StoreDamaged } from './storeErrors.ts';

const directories: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'schema-store-'));
  directories.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of directories.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const sdl = (field: string): string => `type Promotion @key(fields: "id") { id: ID! ${field}: String }`;

describe('FileSchemaStore', () => {
  it('stores each publish as the next version, keeps the history, and refuses a publish checked against another version', async () => {
    const dir = dataDir();
    const store = await FileSchemaStore.open({ dir });
    expect((await store.live()).size).toBe(0);
    expect(await store.history('promotions')).toEqual([]);

    const first = await store.publish(draftVersion('promotions', sdl('title')), 0);
    expect(first).toMatchObject({ subgraph: 'promotions', version: 1, sdl: sdl('title') });
    const second = await store.publish(draftVersion('promotions', sdl('badge'), { publishedBy: 'team:marketing' }), 1);
    expect(second.version).toBe(2);
    await store.publish(draftVersion('vouchers', sdl('code')), 0);

    // Behind (checked against version 1) and ahead (a version that does not exist): both 409.
    const behind = await store.publish(draftVersion('promotions', sdl('late')), 1).catch((error: unknown) => error);
    expect(behind).toBeInstanceOf(StoreConflict);
    expect(behind).toMatchObject({ live: 2, message: expect.stringMatching(/expected version 1, live 2/) });
    await expect(store.publish(draftVersion('promotions', sdl('ahead')), 5)).rejects.toMatchObject({ name: 'StoreConflict', live: 2 });
    await expect(store.publish(draftVersion('fresh', sdl('x')), 1)).rejects.toMatchObject({ name: 'StoreConflict', live: 0 });

    expect((await store.history('promotions')).map((version) => [version.version, version.sdl, version.publishedBy])).toEqual([
      [1, sdl('title'), 'admin'],
      [2, sdl('badge'), 'team:marketing'],
    ]);
    const live = await store.live();
    expect([...live.keys()]).toEqual(['promotions', 'vouchers']);
    expect(live.get('promotions')).toEqual(second);

    // Reopened (a restart): the same versions, whole.
    await store.close();
    const reopened = await FileSchemaStore.open({ dir });
    expect((await reopened.live()).get('promotions')).toEqual(second);
    expect(await reopened.history('promotions')).toEqual([first, second]);
    await reopened.close();
  });

  it('lets exactly one of several concurrent publishes with the same expected version win', async () => {
    const store = await FileSchemaStore.open({ dir: dataDir() });
    await store.publish(draftVersion('promotions', sdl('a')), 0);
    const outcomes = await Promise.allSettled(['b', 'c', 'd', 'e'].map((field) => store.publish(draftVersion('promotions', sdl(field)), 1)));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((outcome) => outcome.status === 'rejected')) expect(outcome.reason).toBeInstanceOf(StoreConflict);
    expect((await store.history('promotions')).map((version) => version.version)).toEqual([1, 2]);
    await store.close();
  });

  it('refuses what a caller must never send: a bad name, a wrong hash, a rollback of a version that does not exist', async () => {
    const store = await FileSchemaStore.open({ dir: dataDir() });
    await expect(store.publish(draftVersion('../etc', sdl('a')), 0)).rejects.toThrow(TypeError);
    await expect(store.publish({ ...draftVersion('promotions', sdl('a')), sdlHash: '0'.repeat(64) }, 0)).rejects.toThrow(/sdlHash/);
    await expect(store.publish(draftVersion('promotions', sdl('a'), { rollbackOf: 1 }), 0)).rejects.toThrow(RangeError);
    expect(await store.history('../etc')).toEqual([]);
    await store.close();
  });

  it('tells watchers the live set at once and after each publish', async () => {
    const store = await FileSchemaStore.open({ dir: dataDir() });
    await store.publish(draftVersion('promotions', sdl('a')), 0);
    const seen: LiveSet[] = [];
    const unsubscribe = store.watch((live) => seen.push(live));
    await waitFor(() => seen.length === 1, 2_000, 'the current live set');
    expect(seen[0]?.get('promotions')?.version).toBe(1);
    await store.publish(draftVersion('promotions', sdl('b')), 1);
    await waitFor(() => seen.length === 2, 2_000, 'the live set after the publish');
    expect(seen[1]?.get('promotions')?.version).toBe(2);
    unsubscribe();
    await store.publish(draftVersion('promotions', sdl('c')), 2);
    await store.close();
    expect(seen).toHaveLength(2);
  });

  it('removes stray temporary files at open, and refuses to open over a damaged live version rather than serve an older one', async () => {
    const dir = dataDir();
    const store = await FileSchemaStore.open({ dir });
    await store.publish(draftVersion('promotions', sdl('a')), 0);
    await store.close();
    const subgraphDir = join(dir, 'subgraphs', 'promotions');
    writeFileSync(join(subgraphDir, '.0000000002.json.123.abcd.tmp'), '{"subgraph": "promo');
    const reopened = await FileSchemaStore.open({ dir });
    expect(readdirSync(subgraphDir)).toEqual(['0000000001.json']);
    expect((await reopened.live()).get('promotions')?.version).toBe(1);
    await reopened.close();

    writeFileSync(join(subgraphDir, '0000000002.json'), '{"subgraph": "promo');
    await expect(FileSchemaStore.open({ dir })).rejects.toThrow(StoreDamaged);
    const tampered = JSON.parse(readFileSync(join(subgraphDir, '0000000001.json'), 'utf8')) as SubgraphVersion;
    writeFileSync(join(subgraphDir, '0000000002.json'), JSON.stringify({ ...tampered, version: 2, sdl: 'type Evil { x: Int }' }));
    await expect(FileSchemaStore.open({ dir })).rejects.toThrow(/0000000002\.json is damaged: the SDL does not have its recorded hash/);
  });

  it('survives SIGKILL during a stream of publishes: every stored version is whole, 1..N, and the live one is the last', async () => {
    const dir = dataDir();
    // Three crashes, each right after an acknowledgement (so inside the next publish, a few ms later
    // each round); 200 KB per version so that a write takes a while.
    for (let round = 0; round < 3; round++) {
      const before = (await readHistory(dir)).length;
      const lastAcknowledged = await publishUntilKilled(dir, before + 8, round * 2);
      const history = await readHistory(dir);
      const numbers = history.map((version) => version.version);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, index) => index + 1));
      // Every acknowledged version is there; at most the one in flight when killed is there too.
      expect(numbers.length).toBeGreaterThanOrEqual(lastAcknowledged);
      expect(numbers.length).toBeLessThanOrEqual(lastAcknowledged + 1);
      for (const version of history) expect(version.sdl.endsWith(`# ${version.version}\n`)).toBe(true);
    }
    const store = await FileSchemaStore.open({ dir });
    const history = await store.history('promotions');
    expect((await store.live()).get('promotions')).toEqual(history.at(-1));
    expect(readdirSync(join(dir, 'subgraphs', 'promotions')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // The store goes on from there.
    expect((await store.publish(draftVersion('promotions', sdlOfSize(1_000)), history.length)).version).toBe(history.length + 1);
    await store.close();
  });
});

/** Opens the store under `dir` (as a restarted gateway does) and reads the whole history of `promotions`. */
async function readHistory(dir: string): Promise<readonly SubgraphVersion[]> {
  const store = await FileSchemaStore.open({ dir });
  try {
    return await store.history('promotions');
  } finally {
    await store.close();
  }
}

/** Runs the publish loop in a child process and SIGKILLs it `delayMs` after it acknowledged version `target`; resolves with the last version it acknowledged. */
async function publishUntilKilled(dir: string, target: number, delayMs: number): Promise<number> {
  const script = join(import.meta.dirname, '../../../test/harness/filePublishLoop.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, dir, 'promotions', '200000'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const acknowledged = (): number => Number(stdout.trim().split('\n').at(-1) ?? 0);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (acknowledged() >= target) setTimeout(() => child.kill('SIGKILL'), delayMs);
  });
  await waitFor(
    () => {
      if (child.exitCode !== null) throw new GiveUp(`the publish loop exited (${child.exitCode}): ${stderr}`);
      return child.signalCode === 'SIGKILL';
    },
    20_000,
    `publishes up to version ${target}`,
  );
  await exited;
  return acknowledged();
}
