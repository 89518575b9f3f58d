export { clientNames, isClientName, type ClientName } from './clientNames.ts';
export { ConfigError, demoSecrets, loadConfig, type Config } from './loadConfig.ts';
export { upstreamServiceNames, type DeadlineConfig, type ResilienceConfig, type ServicePolicyConfig, type UpstreamServiceName } from './resilienceConfig.ts';
export type { CacheConfig } from './cacheConfig.ts';
