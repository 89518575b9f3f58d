import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';

/** A fetch refused because the answer is over its budget (the edge turns the whole answer into this error). */
export function responseTooLarge(limitBytes: number): GatewayGraphQLResponse {
  return { errors: [new GraphQLError(`The answer would be larger than ${limitBytes} bytes; ask for less.`, { extensions: { code: 'RESPONSE_TOO_LARGE' } })] };
}
