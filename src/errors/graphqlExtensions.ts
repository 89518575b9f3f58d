import type { ErrorCode } from './errorCodes.ts';

declare module 'graphql' {
  interface GraphQLErrorExtensions {
    /** Every code the gateway sets comes from the table in `errorCodes.ts`. */
    code?: ErrorCode;
  }
}
