/** Service discovery: the embedded registry, its HTTP API, the client services register with, instance sources and pickers. */
export type { FleetSnapshot, InstanceSource, Lease, Protocol, RegistrationRequest, ServiceInstance } from './types.ts';
export { InstanceStore, type InstanceStoreOptions } from './InstanceStore.ts';
export { parseRegistration, isHostPort, SERVICE_NAME_PATTERN } from './parseRegistration.ts';
export {
  createRegistryHttpHandler,
  fleetToJson,
  REGISTRY_API_PREFIX,
  type RegistryHttpHandler,
  type RegistryHttpHandlerOptions,
} from './createRegistryHttpHandler.ts';
export { RegistryClient, type RegistryClientEvent, type RegistryClientOptions } from './RegistryClient.ts';
export { HttpInstanceSource, type HttpInstanceSourceOptions, type InstanceSourceStatus } from './HttpInstanceSource.ts';
export type { InstancePicker } from './InstancePicker.ts';
export { InFlightCounter } from './InFlightCounter.ts';
export { P2CPicker, type P2CPickerOptions } from './P2CPicker.ts';
export { RoundRobinPicker } from './RoundRobinPicker.ts';
