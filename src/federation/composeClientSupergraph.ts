import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';
import { checkAuthz, checkSharedAuthz, stripAuthz } from '../authz/index.ts';
import type { ClientName } from '../config/clientNames.ts';
import { checkCostDirectives, stripCostDirectives } from '../limits/index.ts';
import { checkFallbacks, stripFallbacks } from '../resilience/index.ts';
import { hideFromOtherClients } from './hideFromOtherClients.ts';

/** A subgraph's name and published SDL. */
export interface SubgraphSdl {
  readonly name: string;
  readonly sdl: string;
  /** Where a remote subgraph lives (`http://...` or `registry://<service>/<path>`); absent: in-process (`local://<name>`). */
  readonly url?: string;
}

/** A composed client supergraph: the supergraph SDL the gateway plans with, and the API schema clients see. */
export interface ClientSupergraph {
  readonly client: ClientName;
  readonly supergraphSdl: string;
  readonly apiSchemaSdl: string;
}

/** Why composition failed, one line per composition error. */
export class CompositionError extends Error {
  readonly errors: readonly string[];
  constructor(client: ClientName, errors: readonly string[]) {
    super(`The ${client} supergraph does not compose:\n- ${errors.join('\n- ')}`);
    this.name = 'CompositionError';
    this.errors = errors;
  }
}

/**
 * Composes one client's supergraph from its BFF subgraph and the domain subgraphs, hiding what is
 * tagged for other clients only and stripping the gateway-local `@fallback` directive. Throws
 * {@link CompositionError} naming every problem, misdeclared fallbacks included.
 */
export function composeClientSupergraph(client: ClientName, subgraphs: readonly SubgraphSdl[]): ClientSupergraph {
  // A @fallback a field cannot have (e.g. on a non-null field) fails composition, naming Type.field.
  // So does a list whose cost nothing bounds (no @listSize), or a malformed @cost/@listSize.
  const fallbackProblems = subgraphs.flatMap(({ name, sdl }) => {
    const document = parse(sdl);
    return [...checkFallbacks(document), ...checkCostDirectives(document)].map((problem) => `[${name}] ${problem}`);
  });
  if (fallbackProblems.length > 0) throw new CompositionError(client, fallbackProblems);
  // Field authorization: misdeclared rules, and personal fields declaring no rule nor @public, name Type.field.
  const authzProblems = [
    ...subgraphs.flatMap(({ name, sdl }) => checkAuthz(parse(sdl)).map((problem) => `[${name}] ${problem}`)),
    ...checkSharedAuthz(subgraphs.map(({ name, sdl }) => ({ name, document: parse(sdl) }))),
  ];
  if (authzProblems.length > 0) throw new CompositionError(client, authzProblems);
  const result = composeServices(
    subgraphs.map(({ name, sdl, url }) => ({
      name,
      // In-process subgraphs have no URL; the gateway's data sources execute them locally.
      url: url ?? `local://${name}`,
      // @fallback, @cost and @listSize are the gateway's business: stripped, so no client schema shows them.
      // Field authorization too (src/authz): enforced by the resolvers, and @apollo/gateway refuses Apollo's own.
      typeDefs: stripAuthz(stripCostDirectives(stripFallbacks(parse(hideFromOtherClients(sdl, client))))),
    })),
  );
  if (result.errors) {
    throw new CompositionError(client, result.errors.map((error) => error.message));
  }
  return {
    client,
    supergraphSdl: result.supergraphSdl,
    apiSchemaSdl: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()),
  };
}
