import { execute, type ExecutionResult, type GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { DocumentCache } from './DocumentCache.ts';
import type { GraphqlRequest } from './parseGraphqlRequest.ts';

/** A GraphQL answer as sent: `data` (absent when execution never started) and errors, each with a code. */
export interface GraphqlBody {
  readonly data?: unknown;
  readonly errors?: readonly GraphQLFormattedError[];
}

/** An answer to a GraphQL request: the HTTP status and the JSON body. */
export interface GraphqlReply {
  readonly status: number;
  readonly body: GraphqlBody;
}

/**
 * An error body `{"errors": [{"message", "extensions": {"code"}}]}` (GraphQL over HTTP's shape). The
 * codes are this service's own (Apollo Server's names), not the gateway's table.
 */
export function errorBody(code: string, message: string): GraphqlBody {
  return { errors: [{ message, extensions: { code } }] };
}

/**
 * Runs GraphQL requests on one schema with graphql-js `execute`, each query text parsed and
 * validated once (`DocumentCache`). As Apollo Server does: a text that does not parse or validate,
 * or variables that do not coerce, is 400 with the errors; otherwise 200 with `data` and any
 * field errors, each carrying `extensions.code` (INTERNAL_SERVER_ERROR when a resolver gave none).
 */
export class GraphqlExecutor {
  readonly #schema: GraphQLSchema;
  readonly #documents: DocumentCache;

  constructor(schema: GraphQLSchema, documents: DocumentCache = new DocumentCache(schema)) {
    this.#schema = schema;
    this.#documents = documents;
  }

  /** Executes `request` with `contextValue` (handed to every resolver). Never throws. */
  async run(request: GraphqlRequest, contextValue: unknown): Promise<GraphqlReply> {
    const prepared = this.#documents.get(request.query);
    if (!prepared.ok) return { status: 400, body: { errors: prepared.errors.map((error) => withCode(error, prepared.code)) } };
    let result: ExecutionResult;
    try {
      result = await execute({
        schema: this.#schema,
        document: prepared.document,
        variableValues: request.variables,
        operationName: request.operationName,
        contextValue,
      });
    } catch (error) {
      return { status: 500, body: errorBody('INTERNAL_SERVER_ERROR', error instanceof Error ? error.message : String(error)) };
    }
    if (!('data' in result)) {
      // No execution started: bad variables, or no operation of that name.
      return { status: 400, body: { errors: (result.errors ?? []).map((error) => withCode(error, 'BAD_USER_INPUT')) } };
    }
    if (result.errors === undefined) return { status: 200, body: { data: result.data } };
    return { status: 200, body: { data: result.data, errors: result.errors.map((error) => withCode(error, 'INTERNAL_SERVER_ERROR')) } };
  }
}

/** `error` as sent, with `extensions.code` set to `code` unless it has one. */
function withCode(error: GraphQLError, code: string): GraphQLFormattedError {
  const formatted = error.toJSON();
  if (typeof formatted.extensions?.['code'] === 'string') return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code } };
}
