import type { GraphQLFormattedError } from 'graphql';
import { markerExtensions } from '../degraded/index.ts';
import { operationResolutionCode } from './operationResolutionPlugin.ts';

/**
 * The one error formatter at the edge: keeps the message, locations, path and `extensions.code`
 * (plus `service` for upstream failures), drops everything internal (stack traces, subgraph names).
 * Never throws.
 */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  let code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
  // The gateway's path-less INVALID_GRAPHQL is an operation it could not pick from the document.
  if (code === 'INVALID_GRAPHQL' && !formatted.path) code = operationResolutionCode;
  return {
    message: tooManyValidationErrors.test(formatted.message) ? validationAbortedMessage : formatted.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: {
      code,
      ...(typeof extensions.service === 'string' ? { service: extensions.service } : {}),
      // A fallback's marker keeps its degradation: degradedPlugin (src/degraded) moves it to extensions.degraded.
      ...markerExtensions(code, extensions),
    },
  };
}

/** graphql-js stops validating after 100 errors with a message that does not say which limit that is. */
const tooManyValidationErrors = /^Too many validation errors, error limit reached\. Validation aborted\.$/;
const validationAbortedMessage = 'Validation stopped after 100 errors (the limit of errors reported for one document); fix those listed and send it again.';
