/** Env values as the two entry points read them (`process.env`'s shape, without importing it). */
export type EnvValues = Readonly<Record<string, string | undefined>>;

/** A bad environment variable: the message names it and the value given. */
export class EnvError extends Error {
  override name = 'EnvError';
}

/** The trimmed value; `undefined` when unset or blank. */
export function optionalEnv(env: EnvValues, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** @throws EnvError when unset or blank. */
export function requiredEnv(env: EnvValues, name: string, hint: string): string {
  const value = optionalEnv(env, name);
  if (value === undefined) throw new EnvError(`${name} is required (${hint})`);
  return value;
}

/** An absolute http(s) URL. @throws EnvError otherwise. */
export function urlEnv(env: EnvValues, name: string): string | undefined {
  const value = optionalEnv(env, name);
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new EnvError(`${name} must be an absolute http(s) URL; got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A TCP port 0..65535 (0: any free port). @throws EnvError otherwise. */
export function portEnv(env: EnvValues, name: string, fallback: number): number {
  const value = optionalEnv(env, name);
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new EnvError(`${name} must be a port 0..65535; got ${JSON.stringify(value)}`);
  return port;
}

/** The registry settings: none without `REGISTRY_URL`; `REGISTRY_TOKEN` is then required. */
export function registryEnv(env: EnvValues): { url: string; token: string } | undefined {
  const url = urlEnv(env, 'REGISTRY_URL');
  if (url === undefined) return undefined;
  return { url, token: requiredEnv(env, 'REGISTRY_TOKEN', 'the registration token, needed since REGISTRY_URL is set') };
}

/** The host to advertise: `ADVERTISE_HOST`, else `host` unless it is a wildcard, else loopback. */
export function advertiseHostEnv(env: EnvValues, host: string): string {
  return optionalEnv(env, 'ADVERTISE_HOST') ?? (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host);
}
