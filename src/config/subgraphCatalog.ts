import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { CatalogError } from './CatalogError.ts';
import { clientCatalog, type ClientName } from './clientCatalog.ts';
import { serviceCatalog } from './serviceCatalog.ts';

/** Where a subgraph executes. */
export type SubgraphLocation =
  /** In the gateway's process: SDL in `schemas/subgraphs/<name>.graphql`, resolvers in `src/subgraphs/<name>/`. */
  | { readonly kind: 'in-process' }
  /** A remote GraphQL service found in the registry (instances registered with protocol `graphql`). */
  | { readonly kind: 'registry'; readonly service: string; readonly path: string }
  /** A remote GraphQL service at a fixed URL. */
  | { readonly kind: 'url'; readonly url: string; readonly address: string; readonly path: string };

/** One entry of the subgraph catalog. */
export interface SubgraphEntry {
  readonly name: string;
  readonly location: SubgraphLocation;
  /** A remote subgraph's SDL file under `schemas/` (in-process ones: `schemas/subgraphs/<name>.graphql`). */
  readonly sdlFile: string | undefined;
  /** The apps whose supergraph includes it. */
  readonly clients: readonly ClientName[];
  /** Client request headers passed to a remote subgraph, lower case. */
  readonly forwardHeaders: readonly string[];
  /** Whether a remote subgraph gets the client's `Authorization` header (default: only the identity token). */
  readonly forwardAuthorization: boolean;
}

/** Headers that are the connection's or the gateway's own: never forwarded by name. */
const unforwardable = new Set(['authorization', 'connection', 'content-length', 'content-type', 'host', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'x-identity-token', 'x-request-deadline-ms', 'x-request-id']);

const headerName = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, 'a header name is lower case letters, digits and dashes')
  .refine((name) => !unforwardable.has(name), { message: 'is not forwardable by name (authorization: use forwardAuthorization)' });

const remoteLocation = z.union([
  z.strictObject({ service: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be a registry service name'), path: z.string().regex(/^\/\S*$/, 'must start with /').default('/graphql') }),
  z.strictObject({ url: z.url({ protocol: /^http$/, error: 'must be an http:// URL' }) }),
]);

const entrySchema = z.strictObject({
  description: z.string().optional(),
  location: z.union([z.literal('in-process'), remoteLocation]),
  sdl: z.string().regex(/^[\w./-]+\.graphql$/, 'must be a .graphql file under schemas/').optional(),
  clients: z.array(z.enum(clientCatalog.map((entry) => entry.name) as [ClientName, ...ClientName[]])).min(1).optional(),
  forwardHeaders: z.array(headerName).max(20).default([]),
  forwardAuthorization: z.boolean().default(false),
});

const catalogSchema = z.strictObject({
  $comment: z.string().optional(),
  subgraphs: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'a subgraph name is lower case letters, digits and dashes'), entrySchema),
});

/**
 * Validates a subgraph catalog (`schemas/subgraphs.json`): every subgraph, where it runs (in-process,
 * a registry service, a URL; `SUBGRAPH_URL_<NAME>` in `env` overrides a remote one's location with
 * a URL) and which apps include it. A remote subgraph needs an SDL file that exists under
 * `schemasDir`, and a registry one a `graphql` service in `schemas/services.json` (its call policy).
 * Throws {@link CatalogError} naming `source`, the subgraph and what is wrong.
 */
export function parseSubgraphCatalog(content: unknown, source: string, schemasDir: string, env: NodeJS.ProcessEnv = process.env): readonly SubgraphEntry[] {
  const parsed = catalogSchema.safeParse(content);
  if (!parsed.success) throw CatalogError.fromIssues(source, parsed.error.issues);
  const problems: string[] = [];
  const entries = Object.entries(parsed.data.subgraphs).map(([name, entry]): SubgraphEntry => {
    const problem = (text: string) => problems.push(`${source}: subgraphs.${name}: ${text}`);
    const override = env[`SUBGRAPH_URL_${name.toUpperCase().replaceAll('-', '_')}`];
    let location: SubgraphLocation;
    if (entry.location === 'in-process') {
      if (override) problem(`SUBGRAPH_URL_${name.toUpperCase()} is set but the subgraph runs in-process`);
      if (entry.sdl) problem('an in-process subgraph\'s SDL is schemas/subgraphs/<name>.graphql; "sdl" is for remote ones');
      location = { kind: 'in-process' };
    } else {
      const url = override ?? ('url' in entry.location ? entry.location.url : undefined);
      if (url !== undefined) {
        const parsedUrl = URL.canParse(url) ? new URL(url) : undefined;
        if (parsedUrl?.protocol !== 'http:') problem(`location ${url} is not an http:// URL`);
        location = { kind: 'url', url, address: parsedUrl?.host ?? '', path: `${parsedUrl?.pathname ?? '/'}${parsedUrl?.search ?? ''}` };
      } else {
        const { service, path } = entry.location as { service: string; path: string };
        const known = serviceCatalog.find((candidate) => candidate.name === service);
        if (known?.protocol !== 'graphql') problem(`service "${service}" must be listed in schemas/services.json with protocol "graphql" (its call policy)`);
        location = { kind: 'registry', service, path };
      }
      if (!entry.sdl) problem('a remote subgraph needs "sdl": its SDL file under schemas/');
      else if (!existsSync(`${schemasDir}${entry.sdl}`)) problem(`sdl file schemas/${entry.sdl} does not exist`);
    }
    if (entry.location === 'in-process' && (entry.forwardHeaders.length > 0 || entry.forwardAuthorization)) {
      problem('forwardHeaders and forwardAuthorization are for remote subgraphs (in-process ones read the request context)');
    }
    return Object.freeze({
      name,
      location: Object.freeze(location),
      sdlFile: entry.sdl,
      clients: Object.freeze(entry.clients ?? clientCatalog.map((client) => client.name)),
      forwardHeaders: Object.freeze(entry.forwardHeaders),
      forwardAuthorization: entry.forwardAuthorization,
    });
  });
  if (problems.length > 0) throw new CatalogError(`Invalid catalog:\n- ${problems.join('\n- ')}`);
  return Object.freeze(entries);
}

const schemasDir = new URL('../../schemas/', import.meta.url);

/** Every subgraph, in the file's order: read once from `schemas/subgraphs.json` (with `SUBGRAPH_URL_<NAME>` overrides) and frozen. */
export const subgraphCatalog: readonly SubgraphEntry[] = parseSubgraphCatalog(
  JSON.parse(readFileSync(new URL('subgraphs.json', schemasDir), 'utf8')),
  'schemas/subgraphs.json',
  schemasDir.pathname,
);
