export { describeError } from './describeError.ts';
export { errorCodes, type Blame, type ErrorCode } from './errorCodes.ts';
export { GatewayError, isGatewayError } from './GatewayError.ts';
import './graphqlExtensions.ts';
