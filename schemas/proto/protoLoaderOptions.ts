import type { Options } from '@grpc/proto-loader';

/**
 * How every reader of the .proto files beside this module loads them (the gateway's gRPC client
 * and the demo fleet's servers alike, so both ends decode a message the same way): camelCase
 * field names, int64 as JavaScript numbers (ids and amounts here stay below 2^53), enums as their
 * names, unset fields as their defaults, and the name of the set member on each oneof.
 */
export const PROTO_LOADER_OPTIONS: Readonly<Options> = Object.freeze({
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
});
