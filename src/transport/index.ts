/** Service clients: one attempt on a given instance, REST (undici) or gRPC (@grpc/grpc-js), behind one `Transport` interface. */
export type { AttemptTarget, CallOptions, GrpcRequest, RestRequest, ServiceClient, Transport, TransportProtocol } from './types.ts';
export { RestClient, createRestAgent, DEADLINE_HEADER, type RestClientOptions } from './RestClient.ts';
export { GrpcClient, type GrpcClientOptions } from './GrpcClient.ts';
export { loadGrpcService, PROTO_LOADER_OPTIONS } from './loadGrpcService.ts';
export { restStatusToCode, restStatusTable, restConnectionErrorCodes } from './restStatusToCode.ts';
export { grpcStatusToCode, grpcStatusTable } from './grpcStatusToCode.ts';
export { GraphQLClient, blamesRequest, REQUEST_DEADLINE_HEADER, type GraphQLClientOptions } from './GraphQLClient.ts';
export type { GraphQLFetch, GraphQLFetchResult, RemoteGraphQLError } from './types.ts';
