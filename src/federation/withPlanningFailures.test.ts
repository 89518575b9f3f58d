import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { withPlanningFailures } from './withPlanningFailures.ts';

/** A gateway whose planner fails the way @apollo/gateway's does: by throwing out of the executor. */
function throwingGateway(error: Error): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: () => () => undefined,
    stop: async () => undefined,
    load: async () => ({
      schema: buildSchema('type Query { a: Int }'),
      executor: async () => {
        throw error;
      },
    }),
  };
}

describe('withPlanningFailures', () => {
  it.each([
    [new Error('Maximum number of selections exceeded'), /too complex for the query planner/],
    [new RangeError('Maximum call stack size exceeded'), /nested too deeply/],
  ])('turns %s into one QUERY_PLANNING_FAILED error without internals', async (error, message) => {
    const { executor } = await withPlanningFailures(throwingGateway(error)).load({ apollo: { keyHash: undefined, graphRef: undefined, key: undefined } as never });
    const result = await executor!({} as never);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(result.errors?.[0]?.message).not.toContain('Maximum');
    expect(result.errors?.[0]?.extensions.code).toBe('QUERY_PLANNING_FAILED');
  });
});
