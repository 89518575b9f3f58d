import type { Review } from '../seed/types.ts';
import { badRequest, methodNotAllowed, notFound } from './HttpError.ts';
import { idList, intParam } from './params.ts';
import { ok } from './RestService.ts';
import type { RestService } from './RestService.ts';

/**
 * reviews: `GET /reviews?productIds=…&first=5` or `?driverIds=…` (exactly one of them) →
 * `{"<subjectId>": [Review, …]}` newest first, at most `first` (1..100, default 5) each; subjects
 * never reviewed are left out.
 */
export function createReviewsService(reviews: readonly Review[]): RestService {
  const bySubject = new Map<string, Review[]>();
  // Seeded reviews are oldest first; walking backwards gives newest-first lists.
  for (let i = reviews.length - 1; i >= 0; i--) {
    const review = reviews[i];
    if (review === undefined) continue;
    const list = bySubject.get(review.subjectId);
    if (list) list.push(review);
    else bySubject.set(review.subjectId, [review]);
  }
  return {
    handle(call) {
      if (call.path !== '/reviews') throw notFound(`no route ${call.path}`);
      if (call.method !== 'GET') throw methodNotAllowed(call.method, call.path);
      const byProduct = call.query.has('productIds');
      if (byProduct === call.query.has('driverIds')) throw badRequest('give exactly one of productIds or driverIds');
      const ids = idList(call.query, byProduct ? 'productIds' : 'driverIds');
      const first = intParam(call.query, 'first', 1, 100, 5);
      const answer: Record<string, Review[]> = {};
      for (const id of ids) {
        const list = bySubject.get(id);
        if (list) answer[id] = list.slice(0, first);
      }
      return ok(answer);
    },
  };
}
