import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { draftVersion, sdlOfSize } from '../../../test/harness/draftVersion.ts';
import type { SubgraphVersion } from '../types.ts';
import { LocalSnapshot } from './LocalSnapshot.ts';
import { StoreDamaged } from './storeErrors.ts';

const directories: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'live-snapshot-'));
  directories.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of directories.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const version = (subgraph: string, number: number, sdl: string): SubgraphVersion => ({ ...draftVersion(subgraph, sdl), version: number });

describe('LocalSnapshot', () => {
  it('loads what it saved last, whole (a 1 MB SDL included), and nothing before the first save', async () => {
    const dir = join(dataDir(), 'not-yet-created');
    const snapshot = new LocalSnapshot({ dir, now: () => Date.parse('2025-01-02T03:04:05Z') });
    expect(await snapshot.load()).toBeUndefined();

    const promotions = version('promotions', 3, sdlOfSize(1_000_000));
    const vouchers = version('vouchers', 1, 'type Voucher { code: String }');
    await snapshot.save(new Map([['vouchers', vouchers], ['promotions', promotions]]));
    const older = snapshot.save(new Map([['promotions', promotions]]));
    const newer = snapshot.save(new Map([['promotions', { ...promotions, version: 4 }], ['vouchers', vouchers]]));
    await Promise.all([older, newer]);

    const loaded = await new LocalSnapshot({ dir }).load();
    expect(loaded?.savedAt).toBe('2025-01-02T03:04:05.000Z');
    expect([...(loaded?.live.keys() ?? [])]).toEqual(['promotions', 'vouchers']);
    expect(loaded?.live.get('promotions')).toEqual({ ...promotions, version: 4 });
    expect(loaded?.live.get('vouchers')).toEqual(vouchers);
    expect(readdirSync(dir)).toEqual(['live-snapshot.json']);
  });

  it('refuses a damaged snapshot, and removes only old temporary files', async () => {
    const dir = dataDir();
    const snapshot = new LocalSnapshot({ dir });
    writeFileSync(snapshot.path, '{"format":1,"savedAt":"x","versions":[{"subgraph":"pro');
    await expect(snapshot.load()).rejects.toThrow(StoreDamaged);
    const good = version('promotions', 1, 'type A { a: Int }');
    writeFileSync(snapshot.path, JSON.stringify({ format: 1, savedAt: 'x', versions: [{ ...good, sdl: 'type B { b: Int }' }] }));
    await expect(snapshot.load()).rejects.toThrow(/versions\[0\]\) is damaged: the SDL does not have its recorded hash/);

    await snapshot.save(new Map([['promotions', good]]));
    const stale = join(dir, '.live-snapshot.json.1.aaaa.tmp');
    const fresh = join(dir, '.live-snapshot.json.2.bbbb.tmp');
    writeFileSync(stale, '{');
    writeFileSync(fresh, '{');
    utimesSync(stale, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
    expect((await snapshot.load())?.live.get('promotions')).toEqual(good);
    expect(readdirSync(dir).sort()).toEqual(['.live-snapshot.json.2.bbbb.tmp', 'live-snapshot.json']);
  });
});
