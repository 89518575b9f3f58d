import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { CostModel } from '../limits/index.ts';
import { measureActualCost } from '../limits/index.ts';
import type { EdgeContext } from './EdgeContext.ts';
import type { GatewayMetrics } from './metrics.ts';

/** Options of {@link demandControlPlugin}. */
export interface DemandControlPluginOptions {
  readonly client: string;
  /** The cost model in force (plain mode swaps it with the supergraph). */
  readonly costModel: () => CostModel;
  readonly metrics: GatewayMetrics;
  /** The client's cost limit, shown with the costs. */
  readonly maxCost: number;
  /** Put `extensions.cost` ({estimated, actual, limit}) in every answer (demo mode). */
  readonly exposeCost: boolean;
}

/**
 * After execution: an answer whose fetches went over the response budget becomes one
 * `RESPONSE_TOO_LARGE` error (HTTP 400, no partial data); any other answer has its actual cost
 * measured against its estimate and exported as a metric (and, in demo mode, in `extensions.cost`).
 */
export function demandControlPlugin(options: DemandControlPluginOptions): ApolloServerPlugin<EdgeContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, document, operation, schema }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const budget = contextValue.responseBudget;
          if (budget?.exceeded) {
            response.body.singleResult = {
              data: null,
              errors: [
                new GraphQLError(`The answer would be larger than ${budget.limitBytes} bytes; ask for less (smaller lists, fewer fields).`, {
                  extensions: { code: 'RESPONSE_TOO_LARGE' },
                }).toJSON(),
              ],
            };
            response.http.status = 400;
            return;
          }
          if (!document || !operation || result.data === undefined) return;
          const estimated = contextValue.estimatedCost ?? 0;
          const actual = measureActualCost(schema, options.costModel(), document, operation, result.data);
          options.metrics.observeCost(options.client, estimated, actual);
          if (options.exposeCost) result.extensions = { ...result.extensions, cost: { estimated, actual, limit: options.maxCost } };
        },
      };
    },
  };
}
