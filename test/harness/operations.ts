import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const clientsDir = fileURLToPath(new URL('../../clients/', import.meta.url));

/** An operation exactly as an app sends it, from `clients/<client>/<name>.graphql`. */
export function operation(path: `${'passenger' | 'driver' | 'web'}/${string}`): string {
  return readFileSync(`${clientsDir}${path}.graphql`, 'utf8');
}
