export { ClientEndpoint } from './ClientEndpoint.ts';
export { createDemoProxy } from './createDemoProxy.ts';
export { createRequestHandler, type RequestHandlerParts, type SideHandler } from './createRequestHandler.ts';
export { GatewayMetrics } from './metrics.ts';
export { createPlaygroundAssetsHandler } from './playground/playgroundAssets.ts';
export { playgroundPage } from './playground/playgroundPage.ts';
export type { ReadinessReport } from './ReadinessReport.ts';
export { startRequestDeadline, type RequestDeadline } from './requestDeadline.ts';
