import type { GraphQLRequestText } from '../limits/index.ts';
import { GatewayError } from '../errors/index.ts';

/**
 * The query, variables and operation name of a GraphQL-over-HTTP request (a POST's parsed JSON body,
 * or a GET's search parameters), for the edge's checks; `undefined` when there is no query text
 * (Apollo Server then answers why). Variables a GET sends that are not JSON: BAD_REQUEST.
 */
export function readGraphQLRequest(method: string, body: unknown, url: string): GraphQLRequestText | undefined {
  let query: unknown;
  let variables: unknown;
  let operationName: unknown;
  if (method === 'POST') {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
    ({ query, variables, operationName } = body as Record<string, unknown>);
  } else {
    const search = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
    query = search.get('query') ?? undefined;
    operationName = search.get('operationName') ?? undefined;
    const text = search.get('variables');
    if (text) {
      try {
        variables = JSON.parse(text) as unknown;
      } catch {
        throw new GatewayError('BAD_REQUEST', 'The "variables" search parameter is not valid JSON.');
      }
    }
  }
  if (typeof query !== 'string') return undefined;
  return {
    query,
    variables: typeof variables === 'object' && variables !== null && !Array.isArray(variables) ? (variables as Record<string, unknown>) : {},
    operationName: typeof operationName === 'string' ? operationName : undefined,
  };
}
