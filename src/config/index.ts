export { clientNames, isClientName, type ClientName } from './clientNames.ts';
export { clientCatalog, clientEntry, parseClientCatalog, type ClientEntry } from './clientCatalog.ts';
export { serviceCatalog, serviceNames, parseServiceCatalog, type ServiceEntry, type ServiceName, type ServiceProtocol } from './serviceCatalog.ts';
export { CatalogError } from './CatalogError.ts';
export { ConfigError, demoSecrets, loadConfig, type Config } from './loadConfig.ts';
export { upstreamServiceNames, type DeadlineConfig, type ResilienceConfig, type ServicePolicyConfig, type UpstreamServiceName } from './resilienceConfig.ts';
export type { CacheConfig } from './cacheConfig.ts';
export { admissionDefaults, type AdmissionConfig, type ConcurrencyLimitConfig, type EventLoopLimitConfig, type RateLimitConfig, type RateLimitStoreConfig } from './admissionConfig.ts';
export type { LimitsConfig, OperationLimits } from './limitsConfig.ts';
