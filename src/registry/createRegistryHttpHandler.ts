import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, isGatewayError, type ErrorCode } from '../errors/index.ts';
import { sendJson } from '../http/sendJson.ts';
import { parseRegistration } from './parseRegistration.ts';
import type { FleetSnapshot, Lease, RegistrationRequest } from './types.ts';

// Registry answers change with every heartbeat and eviction: no cache may keep them.
const NO_STORE = { 'cache-control': 'no-store' } as const;

/**
 * What the HTTP API serves: the embedded `InstanceStore`, or `EtcdLeaseRegistry` (registrations
 * land in etcd). Methods throw `GatewayError`s: `BAD_REQUEST`, `LEASE_NOT_FOUND`, `SERVICE_UNAVAILABLE`.
 */
export interface RegistryBackend {
  /** Lease TTL told to registering instances, ms. */
  readonly ttlMs: number;
  register(request: RegistrationRequest): Lease | Promise<Lease>;
  heartbeat(leaseId: string): void | Promise<void>;
  deregister(leaseId: string): boolean | Promise<boolean>;
  snapshot(): FleetSnapshot;
}

/** Options of {@link createRegistryHttpHandler}. */
export interface RegistryHttpHandlerOptions {
  /** Bearer token every write must carry (`Authorization: Bearer <token>`). Required, non-empty. */
  token: string;
  /** Largest accepted request body, in bytes. Default 16 384. */
  maxBodyBytes?: number;
}

/** A node:http handler; resolves `false` (untouched response) when the path is not under `/registry/v1`. */
export type RegistryHttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** The path prefix of the registry API. */
export const REGISTRY_API_PREFIX = '/registry/v1';

/**
 * Serves the registry HTTP API of `src/registry/README.md` over `store`: writes need the bearer
 * token (401), bad bodies get 400 with the reason, unknown leases 404 `LEASE_NOT_FOUND`.
 */
export function createRegistryHttpHandler(store: RegistryBackend, options: RegistryHttpHandlerOptions): RegistryHttpHandler {
  if (typeof options.token !== 'string' || options.token.length === 0) {
    throw new TypeError('createRegistryHttpHandler: option "token" must be a non-empty string.');
  }
  const maxBodyBytes = options.maxBodyBytes ?? 16_384;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new RangeError(`createRegistryHttpHandler: maxBodyBytes must be a positive integer, got ${String(maxBodyBytes)}.`);
  }
  const tokenDigest = digest(options.token);

  const authorized = (req: IncomingMessage): boolean => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), tokenDigest);
  };

  return async (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (path !== REGISTRY_API_PREFIX && !path.startsWith(`${REGISTRY_API_PREFIX}/`)) return false;
    const segments = path.slice(REGISTRY_API_PREFIX.length).split('/').filter((part) => part !== '');
    const method = req.method ?? 'GET';
    try {
      const [collection, key, extra] = segments;
      if (extra !== undefined) throw notFound();
      if (collection === 'instances' && key === undefined) {
        if (method !== 'POST') return methodNotAllowed(res, 'POST');
        requireToken(authorized(req));
        const body = await readJson(req, maxBodyBytes);
        sendJson(res, 201, await store.register(parseRegistration(body)), NO_STORE);
        return true;
      }
      if (collection === 'leases' && key !== undefined) {
        const leaseId = decode(key);
        if (method === 'PUT') {
          requireToken(authorized(req));
          await store.heartbeat(leaseId);
          sendJson(res, 200, { ttlMs: store.ttlMs }, NO_STORE);
          return true;
        }
        if (method === 'DELETE') {
          requireToken(authorized(req));
          await store.deregister(leaseId);
          res.writeHead(204).end();
          return true;
        }
        return methodNotAllowed(res, 'PUT, DELETE');
      }
      if (collection === 'services') {
        if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');
        const snapshot = store.snapshot();
        sendJson(res, 200, key === undefined ? fleetToJson(snapshot) : (snapshot.services.get(decode(key)) ?? []), NO_STORE);
        return true;
      }
      throw notFound();
    } catch (error) {
      sendError(res, error);
      return true;
    }
  };
}

/** The JSON form of a snapshot: `{"revision", "services": {"<name>": [Instance]}}`. */
export function fleetToJson(snapshot: FleetSnapshot): { revision: number; services: Record<string, unknown> } {
  return { revision: snapshot.revision, services: Object.fromEntries(snapshot.services) };
}

function requireToken(ok: boolean): void {
  if (!ok) throw new GatewayError('UNAUTHENTICATED', 'A valid registry bearer token is required for writes.');
}

function notFound(): GatewayError {
  return new GatewayError('NOT_FOUND', 'No such registry route.');
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new GatewayError('BAD_REQUEST', 'Malformed path segment.');
  }
}

async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      // Stop buffering but keep the socket readable, so that the 413 answer reaches the sender.
      req.off('data', onData);
      req.resume();
      reject(tooLarge(maxBytes));
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
  if (text.trim() === '') throw new GatewayError('BAD_REQUEST', 'Missing JSON body.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new GatewayError('BAD_REQUEST', 'Malformed JSON body.');
  }
}

function tooLarge(maxBytes: number): GatewayError {
  return new GatewayError('PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`);
}

function methodNotAllowed(res: ServerResponse, allow: string): true {
  res.setHeader('allow', allow);
  writeError(res, 405, 'BAD_REQUEST', `Method not allowed here; use ${allow}.`);
  return true;
}

function sendError(res: ServerResponse, error: unknown): void {
  if (isGatewayError(error)) {
    if (error.code === 'PAYLOAD_TOO_LARGE') res.setHeader('connection', 'close');
    writeError(res, error.httpStatus, error.code, error.message);
  } else {
    writeError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal error.');
  }
}

function writeError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, { error: { code, message } }, NO_STORE);
}


function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
