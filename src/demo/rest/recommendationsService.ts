import type { Product } from '../seed/types.ts';
import { methodNotAllowed, notFound } from './HttpError.ts';
import { idList, intParam } from './params.ts';
import { ok } from './RestService.ts';
import type { RestService } from './RestService.ts';

/** What riders of one product also book; hand-written so answers are readable and stable. */
const RELATED: Readonly<Record<string, readonly string[]>> = {
  'p-economy': ['p-comfort', 'p-green', 'p-pool'],
  'p-comfort': ['p-black', 'p-economy', 'p-xl'],
  'p-xl': ['p-comfort', 'p-pet', 'p-economy'],
  'p-green': ['p-economy', 'p-comfort', 'p-moto'],
  'p-black': ['p-comfort', 'p-xl', 'p-green'],
  'p-pool': ['p-economy', 'p-moto', 'p-green'],
  'p-moto': ['p-economy', 'p-pool'],
  'p-pet': ['p-xl', 'p-comfort', 'p-economy'],
};

/** Best sellers first. */
const TOP: readonly string[] = ['p-economy', 'p-comfort', 'p-green', 'p-pool', 'p-xl', 'p-moto', 'p-black', 'p-pet'];

/**
 * recommendations: `GET /recommendations?productIds=…` → `{"<productId>": ["<productId>", …]}`
 * (unknown products left out); `GET /recommendations/top?first=10` → the best sellers
 * (`first` 1..100, default 10).
 */
export function createRecommendationsService(products: readonly Product[]): RestService {
  const known = new Set(products.map((p) => p.id));
  const top = TOP.filter((id) => known.has(id));
  return {
    handle(call) {
      if (call.path !== '/recommendations' && call.path !== '/recommendations/top') throw notFound(`no route ${call.path}`);
      if (call.method !== 'GET') throw methodNotAllowed(call.method, call.path);
      if (call.path === '/recommendations/top') return ok(top.slice(0, intParam(call.query, 'first', 1, 100, 10)));
      const answer: Record<string, string[]> = {};
      for (const id of idList(call.query, 'productIds')) {
        const related = RELATED[id];
        if (related && known.has(id)) answer[id] = related.filter((r) => known.has(r));
      }
      return ok(answer);
    },
  };
}
