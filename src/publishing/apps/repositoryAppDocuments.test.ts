import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clientNames } from '../../config/index.ts';
import { documentIdOf } from '../../documents/index.ts';
import { repositoryAppDocuments, repositoryAppVersion } from './repositoryAppDocuments.ts';

const ids = (client: string): Record<string, string> => JSON.parse(readFileSync(new URL(`../../../clients/${client}/__generated__/operation-ids.json`, import.meta.url), 'utf8')) as Record<string, string>;

describe('repositoryAppDocuments', () => {
  const documents = repositoryAppDocuments();

  it.each(clientNames)('%s: every committed operation is found by id, as version <client>@0.0.0-repository', (client) => {
    for (const [name, id] of Object.entries(ids(client))) {
      const found = documents.lookup(client, id);
      expect(found, name).toMatchObject({ kind: 'found', appVersion: repositoryAppVersion(client) });
      if (found.kind === 'found') expect(documentIdOf(found.text)).toBe(id);
      expect(documents.lookup(client, id, repositoryAppVersion(client)).kind).toBe('found');
    }
  });

  it('another app’s id, an unknown id, or a version it does not hold: unknown', () => {
    const homeId = ids('passenger').PassengerHome as string;
    expect(documents.lookup('driver', homeId)).toEqual({ kind: 'unknown' });
    expect(documents.lookup('passenger', documentIdOf('{ x }'))).toEqual({ kind: 'unknown' });
    expect(documents.lookup('passenger', homeId, 'passenger@3.2.0')).toEqual({ kind: 'unknown' });
    expect(documents.lookup('passenger', 'constructor')).toEqual({ kind: 'unknown' });
  });

  it('keeps the last use per version in memory', () => {
    expect(documents.lastUse('passenger@0.0.0-repository')).toBeUndefined();
    const before = Date.now();
    documents.recordUse('passenger@0.0.0-repository');
    expect(documents.lastUse('passenger@0.0.0-repository')).toBeGreaterThanOrEqual(before);
  });
});
