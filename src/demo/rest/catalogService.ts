import type { Product } from '../seed/types.ts';
import { methodNotAllowed, notFound } from './HttpError.ts';
import { idList } from './params.ts';
import { ok } from './RestService.ts';
import type { RestService } from './RestService.ts';

/** catalog: `GET /products` (all, catalogue order) and `GET /products?ids=…` (known ones, request order). */
export function createCatalogService(products: readonly Product[]): RestService {
  const byId = new Map(products.map((p) => [p.id, p]));
  return {
    handle(call) {
      if (call.path !== '/products') throw notFound(`no route ${call.path}`);
      if (call.method !== 'GET') throw methodNotAllowed(call.method, call.path);
      if (!call.query.has('ids')) return ok(products);
      return ok(idList(call.query, 'ids').flatMap((id) => byId.get(id) ?? []));
    },
  };
}
