export { clientNames, isClientName, type ClientName } from './clientNames.ts';
export { ConfigError, demoSecrets, loadConfig, type Config } from './loadConfig.ts';
