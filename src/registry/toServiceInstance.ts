import { randomBytes } from 'node:crypto';
import { parseRegistration } from './parseRegistration.ts';
import type { RegistrationRequest, ServiceInstance } from './types.ts';

/**
 * The instance a registration describes, validated and frozen: a generated id
 * (`<service>-<8 hex>`) when none is given, weight 1 by default.
 * @throws GatewayError BAD_REQUEST naming what is wrong with the registration.
 */
export function toServiceInstance(request: RegistrationRequest): ServiceInstance {
  const clean = parseRegistration(request);
  return Object.freeze({
    service: clean.service,
    id: clean.id ?? `${clean.service}-${randomBytes(4).toString('hex')}`,
    address: clean.address,
    protocol: clean.protocol,
    ...(clean.zone === undefined ? {} : { zone: clean.zone }),
    ...(clean.version === undefined ? {} : { version: clean.version }),
    weight: clean.weight ?? 1,
    metadata: Object.freeze({ ...clean.metadata }),
  });
}
