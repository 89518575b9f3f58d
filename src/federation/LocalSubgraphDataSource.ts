import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { execute, GraphQLError, parse, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { DegradationSink } from '../degraded/index.ts';
import type { ResponseBudget } from '../limits/index.ts';
import { responseTooLarge } from './responseTooLarge.ts';
import { toSubgraphError } from './toSubgraphError.ts';

/**
 * Executes a query plan's fetch against an in-process subgraph schema. It takes the plan's
 * pre-parsed fetch document (`exposeDocumentNodeInFetchNode`) instead of printing, parsing and
 * validating GraphQL text for every fetch, and hands the request's context to the subgraph's
 * resolvers by reference, so every subgraph shares the request's DataLoaders. Each plan document
 * is compiled once with graphql-jit (plans are cached, so the document is the same object on
 * every request that uses the plan); a document jit cannot compile runs on graphql-js.
 */
export class LocalSubgraphDataSource implements GraphQLDataSource {
  readonly #schema: GraphQLSchema;
  readonly #parsed = new Map<string, DocumentNode>();
  /** Compiled plan documents by identity (`null`: jit could not compile it); dropped with their plan. */
  readonly #compiled = new WeakMap<DocumentNode, CompiledFetch | null>();

  constructor(schema: GraphQLSchema) {
    this.#schema = schema;
  }

  async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    // The answer is bounded as fetches arrive: once over its budget, no fetch runs or merges data.
    const budget = (options.context as { responseBudget?: ResponseBudget }).responseBudget;
    if (budget?.exceeded) return responseTooLarge(budget.limitBytes);
    const planDocument = 'document' in options ? options.document : undefined;
    const document = planDocument ?? this.#parse(request.query ?? '');
    // Fields that served a declared fallback report it here, at their subgraph path; sent as marker
    // errors so the gateway remaps the paths to the client's response (see src/resilience/README.md).
    const degraded = new DegradationSink();
    const compiled = planDocument ? this.#compile(planDocument) : undefined;
    const result: ExecutionResult = compiled
      ? await compiled.query(degraded, options.context, request.variables ?? {})
      : await execute({
          schema: this.#schema,
          document,
          rootValue: degraded,
          variableValues: request.variables,
          operationName: request.operationName,
          contextValue: options.context,
        });
    const executionErrors = compiled ? result.errors?.map(fromJitError) : result.errors;
    if (budget && !budget.charge(result.data)) return responseTooLarge(budget.limitBytes);
    const errors = [...(executionErrors ?? []).map(toSubgraphError), ...degraded.errors()];
    return {
      data: result.data,
      ...(errors.length > 0 ? { errors } : {}),
    };
  }

  /** The plan document compiled with graphql-jit, once; `undefined` when jit cannot compile it. */
  #compile(document: DocumentNode): CompiledFetch | undefined {
    let compiled = this.#compiled.get(document);
    if (compiled === undefined) {
      let result: CompiledFetch | ExecutionResult | undefined;
      try {
        // A plan fetch document holds exactly one operation. The errors are rebuilt (fromJitError),
        // so jit need not capture stacks for its own.
        result = compileQuery<Record<string, unknown>, Record<string, unknown>>(this.#schema, document, undefined, {
          disablingCapturingStackErrors: true,
        });
      } catch {
        result = undefined;
      }
      compiled = result && isCompiledQuery(result) ? result : null;
      this.#compiled.set(document, compiled);
    }
    return compiled ?? undefined;
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

/** A plan document compiled by graphql-jit. */
type CompiledFetch = CompiledQuery<Record<string, unknown>, Record<string, unknown>>;

/**
 * graphql-jit reports execution errors with its own GraphQLError (no `nodes`, `extensions`
 * undefined when the cause has none): rebuild each as graphql-js's `locatedError` would have, so
 * that what follows (toSubgraphError, the gateway) sees the same errors either way.
 */
function fromJitError(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    ...(error.extensions ? { extensions: error.extensions } : {}),
  });
}
