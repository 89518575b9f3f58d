import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { execute, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { DegradationSink } from '../resilience/index.ts';
import { toSubgraphError } from './toSubgraphError.ts';

/**
 * Executes a query plan's fetch against an in-process subgraph schema. It takes the plan's
 * pre-parsed fetch document (`exposeDocumentNodeInFetchNode`) instead of printing, parsing and
 * validating GraphQL text for every fetch, and hands the request's context to the subgraph's
 * resolvers by reference, so every subgraph shares the request's DataLoaders.
 */
export class LocalSubgraphDataSource implements GraphQLDataSource {
  readonly #schema: GraphQLSchema;
  readonly #parsed = new Map<string, DocumentNode>();

  constructor(schema: GraphQLSchema) {
    this.#schema = schema;
  }

  async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const document = ('document' in options ? options.document : undefined) ?? this.#parse(request.query ?? '');
    // Fields that served a declared fallback report it here, at their subgraph path; sent as marker
    // errors so the gateway remaps the paths to the client's response (see src/resilience/README.md).
    const degraded = new DegradationSink();
    const result = await execute({
      schema: this.#schema,
      document,
      rootValue: degraded,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue: options.context,
    });
    const errors = [...(result.errors ?? []).map(toSubgraphError), ...degraded.errors()];
    return {
      data: result.data,
      ...(errors.length > 0 ? { errors } : {}),
    };
  }

  /** Only for fetches without a plan document (health checks); cached by text. */
  #parse(query: string): DocumentNode {
    let document = this.#parsed.get(query);
    if (!document) {
      document = parse(query);
      this.#parsed.set(query, document);
    }
    return document;
  }
}
