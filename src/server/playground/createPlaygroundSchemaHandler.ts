import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildSchema, introspectionFromSchema, type IntrospectionQuery } from 'graphql';
import type { SideHandler } from '../createRequestHandler.ts';
import { sendJson } from '../sendJson.ts';

const schemaPath = /^\/playground\/([a-z][a-z0-9]*)\/schema\.json$/;

/** A client's API schema as served now: its SDL and a hash naming it. */
export interface ServedApiSchema {
  readonly sdl: string;
  readonly hash: string;
}

/**
 * `GET /playground/<client>/schema.json`: the client's API schema as an introspection result
 * (`{"data": ...}`), for a playground whose client refuses raw text (trusted documents required),
 * so its docs explorer and autocomplete still work. Built once per schema version; `ETag` is the
 * schema's hash. Only mounted where the playground and introspection are both on.
 */
export function createPlaygroundSchemaHandler(schemaOf: (client: string) => ServedApiSchema | undefined): SideHandler {
  const built = new Map<string, { hash: string; body: { data: IntrospectionQuery } }>();
  return async (req: IncomingMessage, res: ServerResponse) => {
    const match = schemaPath.exec((req.url ?? '/').split('?', 1)[0] ?? '/');
    if (!match) return false;
    const client = match[1] as string;
    const schema = schemaOf(client);
    if (!schema) {
      sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `No client ${client}.` } });
      return true;
    }
    const etag = `"${schema.hash}"`;
    const headers = { etag, 'cache-control': 'no-cache' };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return true;
    }
    let cached = built.get(client);
    if (cached?.hash !== schema.hash) {
      cached = { hash: schema.hash, body: { data: introspectionFromSchema(buildSchema(schema.sdl)) } };
      built.set(client, cached);
    }
    sendJson(res, 200, cached.body, headers);
    return true;
  };
}
