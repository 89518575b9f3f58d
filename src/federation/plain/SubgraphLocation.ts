/**
 * Where a remote subgraph runs: a fixed URL, or a service in the registry whose instances
 * (registered with protocol `graphql`) serve GraphQL at `path` (an instance's `metadata.path` wins).
 */
export type SubgraphLocation = { readonly url: string } | { readonly service: string; readonly path: string };

/** A registry service name, as the registry accepts it. */
const serviceName = /^[a-z][a-z0-9-]{0,62}$/;

/** Path of a `registry://<service>` URL that names none. */
const defaultPath = '/graphql';

/**
 * The location a supergraph's `join__graph(url:)` names: `http(s)://...` as is, or
 * `registry://<service>/<path>` (path default `/graphql`) resolved through the registry.
 * Throws a TypeError saying what is wrong with any other value.
 */
export function parseSubgraphUrl(url: string): SubgraphLocation {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`"${url}" is not a URL`);
  }
  switch (parsed.protocol) {
    case 'http:':
    case 'https:':
      return { url };
    case 'registry:': {
      const service = parsed.hostname;
      if (!serviceName.test(service)) throw new TypeError(`"${url}": "${service}" is not a registry service name (lower case letters, digits and "-")`);
      const path = parsed.pathname === '' || parsed.pathname === '/' ? defaultPath : parsed.pathname;
      return { service, path };
    }
    default:
      throw new TypeError(`"${url}" is neither http(s)://... nor registry://<service>/<path>`);
  }
}

/** The location as `join__graph(url:)` would write it, for logs and `/readyz`. */
export function formatSubgraphLocation(location: SubgraphLocation): string {
  return 'url' in location ? location.url : `registry://${location.service}${location.path}`;
}
