import { GraphQLError } from 'graphql';

/**
 * NOT_FOUND for `me` when the token is valid but its subject is no known rider or driver (e.g. a
 * token minted with `--sub r-9999`): `me` answers null with this error in `errors`, instead of a
 * null hidden in the gateway's `extensions.valueCompletion`.
 */
export function viewerNotFound(kind: 'rider' | 'driver', id: string): GraphQLError {
  return new GraphQLError(`No ${kind} "${id}" exists: the token's subject (sub) is not a known ${kind}.`, { extensions: { code: 'NOT_FOUND' } });
}
