import type { ApolloServerPlugin } from '@apollo/server';

/** Code for a request naming an operation the document does not have (or none, among several). */
export const operationResolutionCode = 'OPERATION_RESOLUTION_FAILURE';

/**
 * `@apollo/gateway` rejects an unknown or missing operation name with a path-less INVALID_GRAPHQL
 * error that Apollo Server answers with status 500. It is the caller's mistake: answer 400, with
 * the code Apollo Server itself uses for it when it runs without a gateway.
 */
export function operationResolutionPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data === undefined && errors?.length && errors.every((error) => error.extensions?.code === operationResolutionCode)) {
            response.http.status = 400;
          }
        },
      };
    },
  };
}
