/** Service clients: REST (undici) and gRPC (@grpc/grpc-js) behind one `ServiceClient` interface, over discovery. */
export type { CallOptions, GrpcRequest, RestRequest, ServiceClient } from './types.ts';
export { Discovery, type DiscoveryOptions } from './Discovery.ts';
export { callWithFailover, type AttemptContext, type FailoverCall } from './callWithFailover.ts';
export { RestClient, createRestAgent, DEADLINE_HEADER, type RestClientOptions } from './RestClient.ts';
export { GrpcClient, type GrpcClientOptions } from './GrpcClient.ts';
export { loadGrpcService, PROTO_LOADER_OPTIONS } from './loadGrpcService.ts';
export { restStatusToCode, restStatusTable, restConnectionErrorCodes } from './restStatusToCode.ts';
export { grpcStatusToCode, grpcStatusTable } from './grpcStatusToCode.ts';
