import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { documentIdOf } from '../../documents/index.ts';
import { checkChange, liveGraphFromCatalog, loadClientOperations, withChange, type ProposedChange } from '../checks/index.ts';
import { AppVersions } from './AppVersions.ts';
import { FileAppVersionStore } from './FileAppVersionStore.ts';

const promotions = readFileSync(new URL('../../../schemas/remote/promotions.graphql', import.meta.url), 'utf8');
const withTitle = promotions.replace('  code: String!\n', '  code: String!\n  title: String\n');
const change = (sdl: string): ProposedChange => ({ subgraph: 'promotions', sdl, clients: ['passenger', 'web'], strict: false });
const oldPromo = 'query OldPromo { products { id promotion { code title } } }';
const home = 'query Home { products { id name } }';
const dir = mkdtempSync(join(tmpdir(), 'app-versions-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the client-safety check of schema publishing with app versions', () => {
  it("rejects a change that breaks an active version's document, naming the version and the document, and accepts it once that version is retired", async () => {
    expect(withTitle).not.toBe(promotions);
    const live = withChange(liveGraphFromCatalog(), change(withTitle));
    const added = await checkChange(liveGraphFromCatalog(), change(withTitle));
    const apiSchemaSdl = added.supergraphs.passenger?.apiSchemaSdl;
    expect(apiSchemaSdl).toMatch(/title: String/);
    const store = await FileAppVersionStore.open({ dir });
    const apps = await AppVersions.start({ store, schemaOf: () => buildSchema(apiSchemaSdl as string) });
    await apps.publish('passenger@3.1.0', JSON.stringify({ [documentIdOf(oldPromo)]: oldPromo, [documentIdOf(home)]: home }), 'admin');
    await apps.publish('passenger@3.2.0', JSON.stringify({ [documentIdOf(home)]: home }), 'admin');

    // Removing Promotion.title: no repository operation uses it, passenger@3.1.0's OldPromo does.
    const operations = () => [...loadClientOperations(), ...apps.activeOperationFiles()];
    const rejected = await checkChange(live, change(promotions), { operations: operations() });
    expect(rejected.report.ok).toBe(false);
    expect(rejected.report.brokenOperations).toContainEqual(
      expect.objectContaining({ client: 'passenger', operation: `OldPromo (passenger@3.1.0 ${documentIdOf(oldPromo)})`, field: 'Promotion.title' }),
    );
    expect(rejected.report.errors.join('\n')).toMatch(/OldPromo \(passenger@3\.1\.0 sha256:[0-9a-f]{64}\)/);

    await apps.retire('passenger@3.1.0', 'admin');
    const accepted = await checkChange(live, change(promotions), { operations: operations() });
    expect(accepted.report).toMatchObject({ ok: true, brokenOperations: [] });
    await apps.close();
    await store.close();
  }, 60_000);
});
