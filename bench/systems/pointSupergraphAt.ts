/** `@join__graph(name: "<name>", url: "<url>")`, as composition prints it. */
const joinGraph = /@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g;

/** The subgraph names a supergraph's `join__Graph` enum declares, in order. */
export function supergraphSubgraphNames(supergraphSdl: string): string[] {
  return [...supergraphSdl.matchAll(joinGraph)].map((match) => match[1] ?? '');
}

/**
 * The same supergraph with each subgraph's `join__graph` URL replaced by `urlOf(name)`: the
 * composed supergraph the gateway under test plans with, pointed at the servers another system
 * calls. Throws naming every subgraph `urlOf` has no URL for.
 */
export function pointSupergraphAt(supergraphSdl: string, urlOf: (name: string) => string | undefined): string {
  const missing: string[] = [];
  const pointed = supergraphSdl.replace(joinGraph, (match, name: string) => {
    const url = urlOf(name);
    if (url === undefined) {
      missing.push(name);
      return match;
    }
    return `@join__graph(name: "${name}", url: "${url}")`;
  });
  if (missing.length > 0) throw new Error(`no URL for subgraph(s) ${missing.join(', ')} of the supergraph`);
  return pointed;
}
