import type { GraphQLFormattedError } from 'graphql';

/**
 * The one error formatter at the edge: keeps the message, locations, path and `extensions.code`
 * (plus `service` for upstream failures), drops everything internal (stack traces, subgraph names).
 * Never throws.
 */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
  return {
    message: formatted.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code, ...(typeof extensions.service === 'string' ? { service: extensions.service } : {}) },
  };
}
