import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentIdOf } from './documentId.ts';
import { isPersistedManifestError, type PersistedManifestError } from './PersistedManifestError.ts';
import { parsePersistedManifest, readPersistedManifest, validatePersistedManifest } from './readPersistedManifest.ts';

const products = 'query Products {\n  products {\n    id\n  }\n}';
const productsId = documentIdOf(products);

/** The error `run` throws, which must be a PersistedManifestError. */
function manifestError(run: () => unknown): PersistedManifestError {
  try {
    run();
  } catch (error) {
    if (isPersistedManifestError(error)) return error;
    throw error;
  }
  throw new Error('expected a PersistedManifestError');
}

describe('document ids', () => {
  it('are sha256: and the hex SHA-256 of the text', () => {
    // FIPS 180-2's test vector for "abc".
    expect(documentIdOf('abc')).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(productsId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(documentIdOf(products)).toBe(productsId);
    expect(documentIdOf(`${products} `)).not.toBe(productsId);
  });
});

describe('readPersistedManifest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the id → text object of a valid manifest, frozen', () => {
    const manifest = parsePersistedManifest(JSON.stringify({ [productsId]: products }), 'test');
    expect(manifest).toEqual({ [productsId]: products });
    expect(Object.isFrozen(manifest)).toBe(true);
  });

  it('accepts an empty manifest (whether an app version may publish one is the publisher’s call)', () => {
    expect(parsePersistedManifest('{}', 'test')).toEqual({});
  });

  it('reads a file and names its path when it is bad', () => {
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ [productsId]: products }));
    expect(readPersistedManifest(good)).toEqual({ [productsId]: products });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"sha256:');
    expect(() => readPersistedManifest(bad)).toThrow(`Invalid persisted documents manifest ${bad}:`);
  });

  it('refuses text that is not JSON', () => {
    const error = manifestError(() => parsePersistedManifest('{not json', 'passenger@3.2.0'));
    expect(error.message).toMatch(/^Invalid persisted documents manifest passenger@3\.2\.0:\n- is not JSON: /);
    expect(error.problems).toEqual([{ entry: undefined, message: expect.stringMatching(/^is not JSON/) }]);
  });

  it.each([
    ['[]', 'an array'],
    ['null', 'null'],
    ['"query Products { products { id } }"', 'a string'],
    ['42', 'a number'],
  ])('refuses JSON that is not an object: %s', (json, kind) => {
    const error = manifestError(() => parsePersistedManifest(json, 'test'));
    expect(error.problems).toEqual([{ entry: undefined, message: `must be a JSON object of document id → document text, not ${kind}` }]);
  });

  it('refuses an entry whose id is not its text’s hash, naming the entry and the right id', () => {
    const wrong = documentIdOf('query Other { products { id } }');
    const error = manifestError(() => validatePersistedManifest({ [wrong]: products }, 'test'));
    expect(error.problems).toEqual([{ entry: wrong, message: `the id is not the SHA-256 of the document's text, which is ${productsId}` }]);
    expect(error.message).toContain(`entry "${wrong}": the id is not the SHA-256`);
  });

  it('names every bad entry: id forms, texts that are not strings, empty texts; and keeps good ones out of the error', () => {
    const upper = `sha256:${productsId.slice('sha256:'.length).toUpperCase()}`;
    const bare = productsId.slice('sha256:'.length);
    const empty = documentIdOf('');
    const error = manifestError(() =>
      validatePersistedManifest({ [productsId]: products, [upper]: products, [bare]: products, 'sha1:abc': products, [documentIdOf('1')]: 1, [empty]: '' }, 'test'),
    );
    expect(error.problems).toEqual([
      { entry: upper, message: 'the id is not of the form sha256:<64 lower-case hex digits>' },
      { entry: bare, message: 'the id is not of the form sha256:<64 lower-case hex digits>' },
      { entry: 'sha1:abc', message: 'the id is not of the form sha256:<64 lower-case hex digits>' },
      { entry: documentIdOf('1'), message: 'the document must be its text (a string), not a number' },
      { entry: empty, message: 'the document is empty' },
    ]);
  });

  it('lists ten problems in its message and counts the rest', () => {
    const bad = Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`bad-${index}`, products]));
    const error = manifestError(() => validatePersistedManifest(bad, 'test'));
    expect(error.problems).toHaveLength(12);
    expect(error.message).toContain('entry "bad-9"');
    expect(error.message).not.toContain('entry "bad-10"');
    expect(error.message).toMatch(/- and 2 more$/);
  });
});
