import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';

/**
 * A gateway whose executor never throws: `@apollo/gateway` executes a plan's fetches with their
 * errors in the answer, but lets what goes wrong before them (the query planner's own limits, a
 * stack overflow on an extreme operation) escape, which Apollo Server answers with 500. Here a
 * GraphQL error (an unknown operation name) is answered as such, and anything else becomes one
 * `QUERY_PLANNING_FAILED` error (the edge answers 400: the operation, not the gateway,
 * is at fault) whose message hides the planner's internals.
 */
export function withPlanningFailures(gateway: GatewayInterface): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    async load(options) {
      const loaded = await gateway.load(options);
      const execute = loaded.executor;
      if (!execute) return loaded;
      const executor: GatewayExecutor = async (requestContext) => {
        try {
          return await execute(requestContext);
        } catch (error) {
          // The gateway's own word on the request (e.g. an unknown operation name) keeps its code.
          if (error instanceof GraphQLError) return { errors: [error] };
          const reason = error instanceof RangeError ? 'it is nested too deeply' : 'it is too complex for the query planner';
          return {
            errors: [new GraphQLError(`The operation cannot be planned: ${reason}. Ask for less in one request.`, { extensions: { code: 'QUERY_PLANNING_FAILED' } })],
          };
        }
      };
      return { ...loaded, executor };
    },
  };
}
