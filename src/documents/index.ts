export { buildPersistedDocuments, type PersistedDocuments } from './buildPersistedDocuments.ts';
export { documentIdOf, documentIdPattern, isDocumentId, type DocumentId } from './documentId.ts';
export { documentText } from './documentText.ts';
export { isPersistedManifestError, PersistedManifestError, type ManifestProblem } from './PersistedManifestError.ts';
export { parsePersistedManifest, readPersistedManifest, validatePersistedManifest, type PersistedManifest } from './readPersistedManifest.ts';
