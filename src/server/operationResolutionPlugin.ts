/**
 * Code for a request naming an operation the document does not have (or none, among several).
 * `@apollo/gateway` rejects it with a path-less INVALID_GRAPHQL error; formatError gives it this
 * code (the one Apollo Server itself uses without a gateway) and errorStatusPlugin answers 400.
 */
export const operationResolutionCode = 'OPERATION_RESOLUTION_FAILURE';
