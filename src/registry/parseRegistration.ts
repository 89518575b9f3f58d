import { GatewayError } from '../errors/index.ts';
import type { Protocol, RegistrationRequest } from './types.ts';

/** Service names: lowercase letters, digits and dashes, starting with a letter, at most 63 characters. */
export const SERVICE_NAME_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;

const INSTANCE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const HOST_PATTERN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])$/;
const PROTOCOLS: readonly Protocol[] = ['http', 'grpc', 'graphql'];
const MAX_TEXT = 128;

/**
 * Validates a registration (a parsed JSON body or a typed request) and returns a clean copy.
 * Throws `GatewayError` `BAD_REQUEST` whose message is the reason (safe to send back).
 */
export function parseRegistration(input: unknown): RegistrationRequest {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid('The registration must be a JSON object.');
  }
  const body = input as Record<string, unknown>;

  const service = body['service'];
  if (service === undefined || service === null || service === '') {
    throw invalid('Missing service name ("service").');
  }
  if (typeof service !== 'string' || !SERVICE_NAME_PATTERN.test(service)) {
    throw invalid(
      `Invalid service name ${show(service)}: use lowercase letters, digits and dashes, starting with a letter, at most 63 characters.`,
    );
  }

  const address = body['address'];
  if (address === undefined || address === null || address === '') {
    throw invalid('Missing address ("address", host:port).');
  }
  if (typeof address !== 'string' || !isHostPort(address)) {
    throw invalid(`Malformed address ${show(address)}: expected host:port with a port from 1 to 65535.`);
  }

  const protocol = body['protocol'];
  if (protocol === undefined || protocol === null || protocol === '') {
    throw invalid('Missing protocol ("protocol": "http" or "grpc").');
  }
  if (typeof protocol !== 'string' || !PROTOCOLS.includes(protocol as Protocol)) {
    throw invalid(`Unknown protocol ${show(protocol)}: expected "http" or "grpc".`);
  }

  const request: RegistrationRequest = { service, address, protocol: protocol as Protocol };

  const id = body['id'];
  if (id !== undefined && id !== null) {
    if (typeof id !== 'string' || !INSTANCE_ID_PATTERN.test(id)) {
      throw invalid(`Invalid instance id ${show(id)}: use letters, digits, ".", "_" and "-", at most 128 characters.`);
    }
    request.id = id;
  }
  for (const key of ['zone', 'version'] as const) {
    const value = body[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TEXT) {
      throw invalid(`Invalid ${key} ${show(value)}: expected a non-empty string of at most ${MAX_TEXT} characters.`);
    }
    request[key] = value;
  }

  const weight = body['weight'];
  if (weight !== undefined && weight !== null) {
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) {
      throw invalid(`Invalid weight ${show(weight)}: expected a positive number.`);
    }
    request.weight = weight;
  }

  const metadata = body['metadata'];
  if (metadata !== undefined && metadata !== null) {
    if (typeof metadata !== 'object' || Array.isArray(metadata)) {
      throw invalid('Invalid metadata: expected an object of string values.');
    }
    const clean: Record<string, string> = {};
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value !== 'string') {
        throw invalid(`Invalid metadata value for ${show(key)}: expected a string.`);
      }
      clean[key] = value;
    }
    request.metadata = clean;
  }
  return request;
}

/** Whether `address` is `host:port` (IPv6 hosts in brackets) with a port from 1 to 65535. */
export function isHostPort(address: string): boolean {
  const colon = address.lastIndexOf(':');
  if (colon <= 0) return false;
  const host = address.slice(0, colon);
  const port = address.slice(colon + 1);
  if (!/^[0-9]{1,5}$/.test(port)) return false;
  const portNumber = Number(port);
  return portNumber >= 1 && portNumber <= 65_535 && HOST_PATTERN.test(host);
}

function invalid(reason: string): GatewayError {
  return new GatewayError('BAD_REQUEST', reason);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
}
