import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, Source, type DocumentNode } from 'graphql';
import { clientNames, type ClientName } from '../../config/index.ts';

/** One file of operations an app sends (`clients/<client>/<name>.graphql`), parsed. */
export interface ClientOperationFile {
  readonly client: ClientName;
  /** Path from the repository root, e.g. `clients/passenger/PassengerHome.graphql`. */
  readonly file: string;
  readonly document: DocumentNode;
}

/** The repository's root folder (with a trailing slash). */
export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Every operation file of every app: `clients/<client>/*.graphql` under `root` (default: this
 * repository), in name order. Throws an Error naming the file when one does not parse: the
 * repository's own operations are code, and codegen would refuse them too.
 */
export function loadClientOperations(root: string = repositoryRoot): ClientOperationFile[] {
  return clientNames.flatMap((client) => {
    const dir = `${root}clients/${client}/`;
    let names: string[];
    try {
      names = readdirSync(dir).filter((name) => name.endsWith('.graphql')).sort();
    } catch {
      return []; // an app with no operations yet
    }
    return names.map((name) => parseOperationFile(client, `clients/${client}/${name}`, readFileSync(`${dir}${name}`, 'utf8')));
  });
}

/** One operation file's text as a {@link ClientOperationFile}; throws an Error naming `file` and the syntax error. */
export function parseOperationFile(client: ClientName, file: string, text: string): ClientOperationFile {
  try {
    return { client, file, document: parse(new Source(text, file)) };
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}
