/**
 * A service's unary handlers by method name (as in the .proto). Each takes the decoded request and
 * returns the response, or throws a `GrpcError`. The parameter is `never` so that handlers typed
 * with their own request shape fit; the server passes what proto-loader decoded.
 */
export type GrpcHandlers = Readonly<Record<string, (request: never) => object>>;
