import { describe, expect, it } from 'vitest';
import { createSeed } from '../seed/createSeed.ts';
import { createCatalogService } from './catalogService.ts';
import { HttpError } from './HttpError.ts';
import { createNotificationsService } from './notificationsService.ts';
import { createRecommendationsService } from './recommendationsService.ts';
import type { RestService } from './RestService.ts';
import { createReviewsService } from './reviewsService.ts';
import { createRidersService } from './ridersService.ts';

const seed = createSeed();
const get = (service: RestService, url: string): unknown => {
  const parsed = new URL(url, 'http://x');
  return service.handle({ method: 'GET', path: parsed.pathname, query: parsed.searchParams, body: undefined }).body;
};
const statusOf = (fn: () => unknown): number => {
  try {
    fn();
    return 200;
  } catch (error) {
    return error instanceof HttpError ? error.status : 500;
  }
};

describe('read-only REST services', () => {
  it('riders: batch by id in request order, unknown left out, ids required', () => {
    const riders = createRidersService(seed.riders);
    expect(get(riders, '/riders?ids=r-0002,r-0001,x')).toMatchObject([{ id: 'r-0002' }, { id: 'r-0001', name: 'Ana Silva' }]);
    expect(statusOf(() => get(riders, '/riders'))).toBe(400);
    expect(statusOf(() => get(riders, '/riders?ids=,'))).toBe(400);
  });

  it('catalog: all products in catalogue order, or a batch', () => {
    const catalog = createCatalogService(seed.products);
    expect((get(catalog, '/products') as { id: string }[]).map((p) => p.id)).toHaveLength(8);
    expect(get(catalog, '/products?ids=p-xl,p-nope')).toMatchObject([{ id: 'p-xl', name: 'XL', capacity: 6 }]);
  });

  it('reviews: newest first per product or driver, at most `first`; exactly one id list', () => {
    const reviews = createReviewsService(seed.reviews);
    const byProduct = get(reviews, '/reviews?productIds=p-economy,p-nope&first=5') as Record<string, { createdAt: string }[]>;
    expect(Object.keys(byProduct)).toEqual(['p-economy']);
    const list = byProduct['p-economy'] ?? [];
    expect(list).toHaveLength(5);
    expect(list.every((r, i) => i === 0 || r.createdAt <= (list[i - 1]?.createdAt ?? ''))).toBe(true);
    expect(Object.keys(get(reviews, '/reviews?driverIds=d-0001,d-0002') as object)).toEqual(['d-0001', 'd-0002']);
    expect(statusOf(() => get(reviews, '/reviews?productIds=p-xl&driverIds=d-0001'))).toBe(400);
    expect(statusOf(() => get(reviews, '/reviews?productIds=p-xl&first=101'))).toBe(400);
  });

  it('recommendations: related products per product, and the top list', () => {
    const recommendations = createRecommendationsService(seed.products);
    expect(get(recommendations, '/recommendations?productIds=p-economy,p-nope')).toEqual({ 'p-economy': ['p-comfort', 'p-green', 'p-pool'] });
    expect(get(recommendations, '/recommendations/top?first=3')).toEqual(['p-economy', 'p-comfort', 'p-green']);
  });

  it('notifications: 202 with an id unique to the instance; recipientId and kind required', () => {
    const notifications = createNotificationsService('notifications-2');
    const post = (body: unknown) => notifications.handle({ method: 'POST', path: '/notifications', query: new URLSearchParams(), body });
    expect(post({ recipientId: 'r-0001', kind: 'ride-accepted', tripId: 't-000001' })).toEqual({ status: 202, body: { id: 'n-notifications-2-000001' } });
    expect(statusOf(() => post({ kind: 'ride-accepted' }))).toBe(400);
  });
});
