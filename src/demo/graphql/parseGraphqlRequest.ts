import { badRequest } from '../rest/HttpError.ts';

/** A GraphQL-over-HTTP request body (POST JSON). */
export interface GraphqlRequest {
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>> | undefined;
  readonly operationName: string | undefined;
}

/**
 * Reads `{query, variables?, operationName?}` from a parsed JSON body (`extensions` is ignored).
 * @throws HttpError 400 `BAD_REQUEST` naming what is wrong.
 */
export function parseGraphqlRequest(body: unknown): GraphqlRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('the body must be a JSON object {"query": "...", "variables"?: {...}, "operationName"?: "..."}');
  }
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') throw badRequest('"query" must be a non-empty string');
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
    throw badRequest('"variables" must be an object when given');
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    throw badRequest('"operationName" must be a string when given');
  }
  return {
    query,
    variables: (variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: operationName ?? undefined,
  };
}
