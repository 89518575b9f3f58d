import { GraphQLError } from 'graphql';
import type { ClientName } from '../../config/index.ts';
import { CompositionError, type CompositionIssue } from '../../federation/index.ts';
import type { CompositionProblem } from '../types.ts';

/**
 * Why `client`'s supergraph did not compose, one problem per error: the subgraph each names
 * (preferring `changed`, the subgraph being checked, when the error points into it) and the
 * lines and columns in that subgraph's SDL.
 */
export function compositionProblems(client: ClientName, error: unknown, changed: string): CompositionProblem[] {
  if (error instanceof CompositionError) return error.problems.map((issue) => fromIssue(client, issue, changed));
  if (error instanceof GraphQLError) {
    // An SDL that does not parse: its source is named after its subgraph (composeClientSupergraph).
    const subgraph = error.source?.name;
    return [{ client, message: error.message, ...(subgraph ? { subgraph } : {}), ...(error.locations ? { locations: error.locations.map(({ line, column }) => ({ line, column })) } : {}) }];
  }
  return [{ client, message: error instanceof Error ? error.message : String(error) }];
}

function fromIssue(client: ClientName, issue: CompositionIssue, changed: string): CompositionProblem {
  const subgraph = issue.locations.some((location) => location.subgraph === changed) ? changed : issue.subgraph;
  const locations = issue.locations.filter((location) => subgraph === undefined || location.subgraph === undefined || location.subgraph === subgraph).map(({ line, column }) => ({ line, column }));
  return {
    client,
    message: issue.message,
    ...(subgraph === undefined ? {} : { subgraph }),
    ...(locations.length > 0 ? { locations } : {}),
  };
}
