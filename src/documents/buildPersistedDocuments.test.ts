import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildPersistedDocuments } from './buildPersistedDocuments.ts';
import { documentIdOf } from './documentId.ts';
import { validatePersistedManifest } from './readPersistedManifest.ts';

describe('buildPersistedDocuments', () => {
  it('maps each printed document to its id, and each operation name to the id, in name order', () => {
    const products = parse('query Products { products { id ...Named } }\nfragment Named on Product { name }', { noLocation: true });
    const accept = parse('mutation AcceptRide($tripId: ID!) { acceptRide(tripId: $tripId) { id } }', { noLocation: true });
    const { manifest, operationIds } = buildPersistedDocuments([products, accept]);
    const productsText = 'query Products {\n  products {\n    id\n    ...Named\n  }\n}\n\nfragment Named on Product {\n  name\n}';
    const acceptText = 'mutation AcceptRide($tripId: ID!) {\n  acceptRide(tripId: $tripId) {\n    id\n  }\n}';
    expect(operationIds).toEqual({ AcceptRide: documentIdOf(acceptText), Products: documentIdOf(productsText) });
    expect(Object.keys(operationIds)).toEqual(['AcceptRide', 'Products']);
    expect(Object.values(manifest)).toEqual([acceptText, productsText]);
    expect(validatePersistedManifest(JSON.parse(JSON.stringify(manifest)), 'built')).toEqual(manifest);
  });

  it.each([
    ['an anonymous operation', '{ products { id } }', /holds 1 \(anonymous\)/],
    ['two operations', 'query A { products { id } }\nquery B { products { id } }', /holds 2 \(A, B\)/],
    ['no operation', 'fragment Named on Product { name }', /holds 0 \(none\)/],
  ])('refuses a document with %s', (_, text, message) => {
    expect(() => buildPersistedDocuments([parse(text)])).toThrow(message);
  });

  it('refuses two documents with one operation name', () => {
    expect(() => buildPersistedDocuments([parse('query A { products { id } }'), parse('query A { products { name } }')])).toThrow('two documents name their operation A');
  });
});
