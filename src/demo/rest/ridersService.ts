import type { Rider } from '../seed/types.ts';
import { methodNotAllowed, notFound } from './HttpError.ts';
import { idList } from './params.ts';
import { ok } from './RestService.ts';
import type { RestService } from './RestService.ts';

/** riders: `GET /riders?ids=…` → the known riders, in request order. */
export function createRidersService(riders: readonly Rider[]): RestService {
  const byId = new Map(riders.map((r) => [r.id, r]));
  return {
    handle(call) {
      if (call.path !== '/riders') throw notFound(`no route ${call.path}`);
      if (call.method !== 'GET') throw methodNotAllowed(call.method, call.path);
      return ok(idList(call.query, 'ids').flatMap((id) => byId.get(id) ?? []));
    },
  };
}
