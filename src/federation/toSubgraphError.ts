import { GraphQLError } from 'graphql';
import { isGatewayError } from '../errors/index.ts';

/**
 * Gives a resolver's error a stable `extensions.code`: a GatewayError keeps its code and safe
 * message; a GraphQLError thrown on purpose keeps its own; anything else is an internal error whose
 * message is not shown (it may hold addresses or stack details).
 */
export function toSubgraphError(error: GraphQLError): GraphQLError {
  const cause = error.originalError;
  if (isGatewayError(cause)) {
    return new GraphQLError(cause.message, {
      nodes: error.nodes,
      path: error.path,
      originalError: cause,
      extensions: { code: cause.code, ...(cause.service ? { service: cause.service } : {}) },
    });
  }
  if (!cause || cause instanceof GraphQLError || typeof error.extensions.code === 'string') return error;
  return new GraphQLError('Internal error.', {
    nodes: error.nodes,
    path: error.path,
    originalError: cause,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}
