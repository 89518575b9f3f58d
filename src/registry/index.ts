/** Service discovery: the embedded registry, its HTTP API, the etcd backend, the clients services register with, instance sources, pickers, outlier detection, and `Discovery` (the gateway's live view that picks an instance per attempt). */
export type { FleetSnapshot, InstanceSource, InstanceSourceStatus, Lease, Protocol, RegistrationRequest, ServiceInstance } from './types.ts';
export { InstanceStore, type InstanceStoreOptions } from './InstanceStore.ts';
export { parseRegistration, isHostPort, SERVICE_NAME_PATTERN } from './parseRegistration.ts';
export { parseStaticInstances } from './parseStaticInstances.ts';
export {
  createRegistryHttpHandler,
  fleetToJson,
  REGISTRY_API_PREFIX,
  type RegistryBackend,
  type RegistryHttpHandler,
  type RegistryHttpHandlerOptions,
} from './createRegistryHttpHandler.ts';
export { RegistryClient, type RegistryClientEvent, type RegistryClientOptions } from './RegistryClient.ts';
export { createRegistrar, type Registrar } from './createRegistrar.ts';
export { EtcdRegistrar, type EtcdRegistrarOptions } from './EtcdRegistrar.ts';
export { EtcdInstanceSource, type EtcdInstanceSourceOptions } from './EtcdInstanceSource.ts';
export { createEtcdClient, ETCD_CALL_TIMEOUT_MS } from './createEtcdClient.ts';
export {
  DEFAULT_ETCD_LEASE_TTL_S,
  DEFAULT_ETCD_PREFIX,
  decodeInstance,
  encodeInstance,
  formatEtcdUrl,
  instanceKey,
  isEtcdUrl,
  parseEtcdUrl,
  type EtcdLocation,
} from './etcdLayout.ts';
export { MergedInstanceSource } from './MergedInstanceSource.ts';
export { EtcdLeaseRegistry, type EtcdLeaseRegistryOptions } from './EtcdLeaseRegistry.ts';
export { HttpInstanceSource, type HttpInstanceSourceOptions } from './HttpInstanceSource.ts';
export type { InstancePicker } from './InstancePicker.ts';
export { InFlightCounter } from './InFlightCounter.ts';
export { P2CPicker, type P2CPickerOptions } from './P2CPicker.ts';
export { RoundRobinPicker } from './RoundRobinPicker.ts';
export { ConsistentHashPicker, fnv1a, type ConsistentHashPickerOptions } from './ConsistentHashPicker.ts';
export { createPicker, LB_POLICIES, type CreatePickerOptions, type LbPolicy } from './createPicker.ts';
export {
  OutlierDetector,
  type CallOutcome,
  type EjectionEvent,
  type InstanceHealth,
  type OutlierDetectorOptions,
} from './OutlierDetector.ts';
export { Discovery, type DiscoveryOptions, type ServiceView } from './Discovery.ts';
