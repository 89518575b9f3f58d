/**
 * The demo fleet's public surface: start it as separate processes and talk to its fault control
 * API; its seeded data for tests that need to know what the services answer; what a GraphQL
 * instance recorded of its requests (`GET /debug/last-requests`, demo mode).
 */
export { startFleet } from './startFleet.ts';
export type { RunningFleet, StartFleetOptions } from './startFleet.ts';
export type { FleetInstance } from './ipc/fleetMessages.ts';
export { SERVICE_NAMES, SERVICE_PROTOCOLS } from './fleetServices.ts';
export type { ServiceName } from './fleetServices.ts';
export { DEFAULT_FLAKY_RATE, DEFAULT_SLOW_LATENCY_MS, FAULT_MODES } from './faults/FaultState.ts';
export type { FaultMode, FaultState } from './faults/FaultState.ts';
export type { ServiceFaultView, StatsView } from './supervisor/faultViews.ts';
export { createSeed } from './seed/createSeed.ts';
export { CITY_CENTRE, DEMO_DRIVER_ID, DEMO_RIDER_ID } from './seed/seedConstants.ts';
export type { Driver, LatLng, Product, Promotion, Review, Rider, SeedData, Trip, Voucher } from './seed/types.ts';
export { IDENTITY_HEADER, LAST_REQUESTS_PATH } from './graphql/GraphqlServiceServer.ts';
export type { RecordedRequestView } from './graphql/GraphqlServiceServer.ts';
export type { Identity } from './graphql/Identity.ts';
