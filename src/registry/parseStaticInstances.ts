import { isGatewayError } from '../errors/index.ts';
import { parseRegistration } from './parseRegistration.ts';
import type { ServiceInstance } from './types.ts';

/**
 * Parses third-party registrations: a JSON array of registrations (the body of
 * `POST /registry/v1/instances`: `service`, `address`, `protocol`, and optional `id`, `zone`,
 * `version`, `weight`, `metadata`), for services that cannot register themselves. An entry
 * without an id gets `<service>-static-<n>` (n counts per service, from 1). Throws `Error` naming
 * the entry (`[2]`) and the reason; a duplicate service/id is an error too.
 */
export function parseStaticInstances(text: string): ServiceInstance[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(body)) throw new Error('expected a JSON array of instances');
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  return body.map((entry, index) => {
    let clean;
    try {
      clean = parseRegistration(entry);
    } catch (error) {
      throw new Error(`[${index}]: ${isGatewayError(error) ? error.message : String(error)}`);
    }
    const number = (counts.get(clean.service) ?? 0) + 1;
    counts.set(clean.service, number);
    const id = clean.id ?? `${clean.service}-static-${number}`;
    const key = `${clean.service}/${id}`;
    if (seen.has(key)) throw new Error(`[${index}]: duplicate instance ${key}`);
    seen.add(key);
    return Object.freeze({
      service: clean.service,
      id,
      address: clean.address,
      protocol: clean.protocol,
      ...(clean.zone === undefined ? {} : { zone: clean.zone }),
      ...(clean.version === undefined ? {} : { version: clean.version }),
      weight: clean.weight ?? 1,
      metadata: Object.freeze({ source: 'static', ...clean.metadata }),
    });
  });
}
