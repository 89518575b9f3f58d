import type { ClientName } from '../../config/index.ts';
import { playgroundPage } from './playgroundPage.ts';
import type { PlaygroundChange, PlaygroundIdentity, PlaygroundModel } from './PlaygroundModel.ts';
import { playgroundTabs } from './playgroundTabs.ts';

/** What one client's playground page is made of when it is served. */
export interface PlaygroundSources {
  readonly client: ClientName;
  /** The client's schema as served now. */
  readonly schema: () => { readonly version: string; readonly hash: string };
  /** The latest published changes that touched the client (an unreadable store: none, said in the panel). */
  readonly changes: () => Promise<readonly PlaygroundChange[]>;
  /** The picker's demo users with tokens minted now (demo mode), or none. */
  readonly identities: () => Promise<readonly PlaygroundIdentity[]>;
  /** Whether the fault panel is shown (demo mode). */
  readonly faults: boolean;
  /** Whether the client requires trusted documents (the playground then runs its documents by id). */
  readonly documentsOnly: boolean;
}

/** The path the playground reads a client's schema introspection from when raw text is refused. */
export function playgroundSchemaPath(client: string): string {
  return `/playground/${client}/schema.json`;
}

/**
 * The playground page of one client, rendered per request: fresh demo tokens (they never expire
 * while the gateway runs), the schema version served now and its latest published changes.
 */
export function createPlaygroundPage(sources: PlaygroundSources): () => Promise<string> {
  const tabs = playgroundTabs(sources.client);
  return async () => {
    const [identities, changes] = await Promise.all([sources.identities(), sources.changes().catch(() => [])]);
    const model: PlaygroundModel = {
      client: sources.client,
      endpoint: `/${sources.client}/graphql`,
      schema: sources.schema(),
      tabs,
      identities,
      changes,
      faults: sources.faults,
      documentsOnly: sources.documentsOnly,
      schemaUrl: playgroundSchemaPath(sources.client),
    };
    return playgroundPage(model);
  };
}
