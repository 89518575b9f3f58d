import type { CallOptions } from '../../../src/transport/index.ts';
import { getProductPrices, getProducts, getRecommendations, getReviews, getRiders, type Upstreams } from '../../../src/upstreams/index.ts';
import { ErrorList, type HandwrittenResult } from './HandwrittenResult.ts';
import type { ScreenPromotions } from './ScreenPromotions.ts';

/** A product's promotion as the promotions subgraph answers it. */
interface Promotion {
  readonly code: string;
  readonly discountPercent: number;
  readonly validUntil: string;
}

/** How many reviews and recommendations the ProductDetails screen shows (its `first` and the default). */
const reviewCount = 5;
const recommendationCount = 10;

/**
 * The ProductDetails screen by hand: the product, its price, reviews and recommendations at once;
 * then the reviewers' names and the recommended products with their prices. The same service
 * calls the gateway makes, JSON assembled directly. As in the schema, a missing non-null part
 * (a reviewer, a recommended product) nulls the whole list. With `promotions`, the product's
 * promotion from the promotions subgraph (one `_entities` POST), at once with the rest.
 */
export async function productDetails(
  upstreams: Upstreams,
  productId: string,
  options: CallOptions,
  promotions: ScreenPromotions | undefined,
): Promise<HandwrittenResult> {
  const errors = new ErrorList();
  const promotionCall = promotions
    ? errors.settle(
        ['product', 'promotion'],
        promotions.client
          .entities<{ promotion: Promotion | null }>(
            '... on Product { promotion { code discountPercent validUntil } }',
            [{ __typename: 'Product', id: productId }],
            promotions.identityToken,
            options,
          )
          .then((entities) => entities[0]?.promotion ?? null),
      )
    : Promise.resolve(null);
  const [found, prices, reviewsByProduct, recommendationsByProduct, promotion] = await Promise.all([
    errors.settle(['product'], getProducts(upstreams, [productId], options)),
    errors.settle(['product', 'price'], getProductPrices(upstreams, [productId], options)),
    errors.settle(['product', 'reviews'], getReviews(upstreams, 'product', [productId], reviewCount, options)),
    errors.settle(['product', 'recommendations'], getRecommendations(upstreams, [productId], options)),
    promotionCall,
  ]);
  const product = found?.[0];
  if (!product) return errors.result({ product: null });

  const reviews = reviewsByProduct ? (reviewsByProduct[productId] ?? []) : null;
  const recommendedIds = recommendationsByProduct ? (recommendationsByProduct[productId] ?? []).slice(0, recommendationCount) : null;
  const authorIds = [...new Set((reviews ?? []).map((r) => r.authorId))];
  const [authors, recommended, recommendedPrices] = await Promise.all([
    authorIds.length > 0 ? errors.settle(['product', 'reviews', 'author'], getRiders(upstreams, authorIds, options)) : [],
    recommendedIds && recommendedIds.length > 0 ? errors.settle(['product', 'recommendations'], getProducts(upstreams, recommendedIds, options)) : [],
    recommendedIds && recommendedIds.length > 0
      ? errors.settle(['product', 'recommendations', 'price'], getProductPrices(upstreams, recommendedIds, options))
      : [],
  ]);
  const authorById = new Map((authors ?? []).map((a) => [a.id, a]));
  const productById = new Map((recommended ?? []).map((p) => [p.id, p]));
  const priceById = new Map((recommendedPrices ?? []).map((p) => [p.productId, p.price]));
  const price = prices?.find((p) => p.productId === productId)?.price ?? null;

  const reviewList = reviews && reviews.every((r) => authorById.has(r.authorId))
    ? reviews.map((r) => ({ rating: r.rating, text: r.text, author: { name: authorById.get(r.authorId)!.name } }))
    : null;
  const recommendationList =
    recommendedIds && recommendedIds.every((id) => productById.has(id))
      ? recommendedIds.map((id) => {
          const p = priceById.get(id);
          return { id, name: productById.get(id)!.name, price: p ? { amount: p.amount, currency: p.currency } : null };
        })
      : null;
  return errors.result({
    product: {
      id: product.id,
      name: product.name,
      description: product.description,
      price: price && { amount: price.amount, currency: price.currency, stale: false },
      reviews: reviewList,
      recommendations: recommendationList,
      ...(promotions ? { promotion: promotion && { code: promotion.code, discountPercent: promotion.discountPercent, validUntil: promotion.validUntil } } : {}),
    },
  });
}
