/**
 * Live subscriptions: GraphQL over WebSocket and SSE on each client's path, each subscription's
 * state re-read through the client's executor per event of the services' feed (src/events).
 */
export { LiveGateway, slowSubscriberCloseCode, type LiveClient, type LiveSubscriber } from './LiveGateway.ts';
export { LiveSubscription, type LiveSubscriptionOptions } from './LiveSubscription.ts';
export { LiveRefusal, type LiveMessage, type LiveRead, type LiveSource } from './LiveSource.ts';
export { liveSources, type LiveReader } from './liveSources.ts';
export { attachWebSocket, type WebSocketTransport, type WebSocketTransportParts } from './transport/attachWebSocket.ts';
export { createSseHandler, ssePathSuffix, type SseEndpoint, type SseHandlerParts } from './transport/createSseHandler.ts';
export { LiveConnections } from './transport/LiveConnections.ts';
export { liveCloseCodes } from './transport/liveCloseCodes.ts';
