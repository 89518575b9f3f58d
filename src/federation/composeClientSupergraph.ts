import { composeServices } from '@apollo/composition';
import { parse, printSchema, Source, type DocumentNode } from 'graphql';
import { checkAuthz, checkSharedAuthz, stripAuthz } from '../authz/index.ts';
import { stripCacheControl } from '../cacheControl/index.ts';
import type { ClientName } from '../config/clientNames.ts';
import { checkCostDirectives, stripCostDirectives } from '../limits/index.ts';
import { checkFallbacks, stripFallbacks } from '../resilience/index.ts';
import { issueFromCompositionError, issueFromSdlProblem, type CompositionIssue } from './CompositionIssue.ts';
import { hideFromOtherClientsInDocument } from './hideFromOtherClients.ts';

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

/** Why composition failed: one line per composition error (`errors`), and each with its subgraph and SDL locations (`problems`). */
export class CompositionError extends Error {
  readonly errors: readonly string[];
  readonly problems: readonly CompositionIssue[];
  constructor(client: ClientName, problems: readonly CompositionIssue[]) {
    const errors = problems.map((problem) => problem.message);
    super(`The ${client} supergraph does not compose:\n- ${errors.join('\n- ')}`);
    this.name = 'CompositionError';
    this.errors = errors;
    this.problems = problems;
  }
}

/**
 * Composes one client's supergraph from its BFF subgraph and the domain subgraphs, hiding what is
 * tagged for other clients only and stripping the gateway-local `@fallback` directive. Throws
 * {@link CompositionError} naming every problem, misdeclared fallbacks included; a GraphQL syntax
 * error in an SDL is thrown as parse throws it.
 */
export function composeClientSupergraph(client: ClientName, subgraphs: readonly SubgraphSdl[]): ClientSupergraph {
  // Parsed once, with locations in a source named after the subgraph: every problem below points into the SDL as written.
  const parsed = subgraphs.map(({ name, sdl, url }) => ({ name, url, document: parse(new Source(sdl, name)) }));
  // A @fallback a field cannot have (e.g. on a non-null field) fails composition, naming Type.field.
  // So does a list whose cost nothing bounds (no @listSize), or a malformed @cost/@listSize.
  const fallbackProblems = parsed.flatMap(({ name, document }) =>
    [...checkFallbacks(document), ...checkCostDirectives(document)].map((problem) => issueFromSdlProblem(name, document, problem)),
  );
  if (fallbackProblems.length > 0) throw new CompositionError(client, fallbackProblems);
  // Field authorization: misdeclared rules, and personal fields declaring no rule nor @public, name Type.field.
  const authzProblems: CompositionIssue[] = [
    ...parsed.flatMap(({ name, document }) => checkAuthz(document).map((problem) => issueFromSdlProblem(name, document, problem))),
    // Shared fields name several subgraphs: no single one to point at.
    ...checkSharedAuthz(parsed).map((message): CompositionIssue => ({ message, locations: [] })),
  ];
  if (authzProblems.length > 0) throw new CompositionError(client, authzProblems);
  const result = composeServices(
    parsed.map(({ name, url, document }) => ({
      name,
      // In-process subgraphs have no URL; the gateway's data sources execute them locally.
      url: url ?? `local://${name}`,
      // @fallback, @cost, @listSize and @cacheControl are the gateway's business: stripped, so no client schema shows them.
      // Field authorization too (src/authz): enforced by the resolvers, and @apollo/gateway refuses Apollo's own.
      typeDefs: forComposition(document, client),
    })),
  );
  if (result.errors) {
    throw new CompositionError(client, result.errors.map(issueFromCompositionError));
  }
  return {
    client,
    supergraphSdl: result.supergraphSdl,
    apiSchemaSdl: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()),
  };
}

/** A subgraph's SDL as `client`'s composition takes it: other clients' elements hidden, gateway-local directives stripped. */
function forComposition(document: DocumentNode, client: ClientName): DocumentNode {
  return stripCacheControl(stripAuthz(stripCostDirectives(stripFallbacks(hideFromOtherClientsInDocument(document, client)))));
}
