import type { IncomingMessage, RequestListener } from 'node:http';
import { parseFaultRequest } from '../faults/parseFaultRequest.ts';
import { isServiceName } from '../fleetServices.ts';
import { HttpError, methodNotAllowed, notFound } from '../rest/HttpError.ts';
import { readJsonBody } from '../rest/readJsonBody.ts';
import { sendJson } from '../../http/sendJson.ts';
import type { Fleet } from './Fleet.ts';

/** Largest control request body, in bytes. */
const MAX_BODY_BYTES = 65_536;

interface Reply {
  status: number;
  body: unknown;
}

/**
 * The fault control API (README "Fault control"): `PUT /faults/<service>`, `GET /faults`,
 * `GET /stats`, `POST /stats/reset`, `GET /instances`, plus `POST /instances/<service>` (start one
 * more instance) and `GET /healthz`. Errors are `{"error": {"code", "message"}}`.
 */
export function createControlHandler(fleet: Fleet): RequestListener {
  const route = async (method: string, path: string, req: IncomingMessage): Promise<Reply> => {
    const [, head, name, ...rest] = path.split('/');
    if (rest.length > 0) throw notFound(`no route ${path}`);
    switch (head) {
      case 'healthz':
        return { status: 200, body: { status: 'ok' } };
      case 'faults':
        if (name === undefined) {
          if (method !== 'GET') throw methodNotAllowed(method, path);
          return { status: 200, body: fleet.faults() };
        }
        if (method !== 'PUT') throw methodNotAllowed(method, path);
        return { status: 200, body: await putFault(fleet, name, await readJson(req)) };
      case 'stats':
        if (name === undefined) {
          if (method !== 'GET') throw methodNotAllowed(method, path);
          return { status: 200, body: await fleet.stats() };
        }
        if (name !== 'reset') throw notFound(`no route ${path}`);
        if (method !== 'POST') throw methodNotAllowed(method, path);
        return { status: 200, body: await fleet.resetStats() };
      case 'instances':
        if (name === undefined) {
          if (method !== 'GET') throw methodNotAllowed(method, path);
          return { status: 200, body: fleet.instances() };
        }
        if (method !== 'POST') throw methodNotAllowed(method, path);
        if (!isServiceName(name)) throw new HttpError(404, 'UNKNOWN_SERVICE', `no service ${name}`);
        return { status: 201, body: await fleet.addInstance(name) };
      default:
        throw notFound(`no route ${path}`);
    }
  };

  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://control').pathname.replace(/\/+$/, '') || '/';
    route(req.method ?? 'GET', path, req).then(
      (reply) => sendJson(res, reply.status, reply.body),
      (error: unknown) => {
        if (error instanceof HttpError) sendJson(res, error.status, { error: { code: error.code, message: error.message } });
        else sendJson(res, 500, { error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } });
      },
    );
  };
}

/** `PUT /faults/<service>`: 404 for an unknown service or instance, 400 for a bad body. */
async function putFault(fleet: Fleet, service: string, body: unknown): Promise<unknown> {
  if (!fleet.hasService(service)) throw new HttpError(404, 'UNKNOWN_SERVICE', `no service ${service} in this fleet`);
  const parsed = parseFaultRequest(body);
  if (!parsed.ok) throw new HttpError(400, 'BAD_REQUEST', parsed.message);
  const { fault, instance } = parsed.request;
  if (instance !== undefined && !fleet.hasInstance(service, instance)) {
    throw new HttpError(404, 'UNKNOWN_INSTANCE', `no running instance ${instance} of ${service}`);
  }
  return fleet.setFault(service, fault, instance);
}

const INVALID_FAULT_BODY = 'body must be JSON, e.g. {"mode":"down"}';

/** The body as JSON. @throws HttpError 400 for a missing or malformed body, 413 when too large. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readJsonBody(req, MAX_BODY_BYTES, INVALID_FAULT_BODY);
  if (body === undefined) throw new HttpError(400, 'BAD_REQUEST', INVALID_FAULT_BODY);
  return body;
}
