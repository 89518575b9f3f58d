import type { Random } from './createRandom.ts';
import { randomDiscountPercent, randomValidUntil } from './offerTerms.ts';
import { DEMO_PROMOTED_PRODUCT_ID } from './seedConstants.ts';
import type { Product, Promotion } from './types.ts';

/** Campaign names; a code is the name and the discount, e.g. `SPRING10`. */
const CAMPAIGNS: readonly string[] = ['SPRING', 'SUMMER', 'AUTUMN', 'WINTER', 'WEEKEND', 'CITY', 'NIGHT', 'LISBOA'];

/**
 * A current promotion for half the products (rounded up), in catalogue order: the demo product
 * `p-comfort` and others picked at random.
 */
export function generatePromotions(random: Random, products: readonly Product[]): Promotion[] {
  const others = products.map((p) => p.id).filter((id) => id !== DEMO_PROMOTED_PRODUCT_ID);
  const promoted = new Set([DEMO_PROMOTED_PRODUCT_ID]);
  while (promoted.size < Math.ceil(products.length / 2) && others.length > 0) {
    promoted.add(others.splice(random.int(0, others.length - 1), 1)[0]!);
  }
  return products
    .filter((p) => promoted.has(p.id))
    .map((p) => {
      const discountPercent = randomDiscountPercent(random);
      return { productId: p.id, code: `${random.pick(CAMPAIGNS)}${discountPercent}`, discountPercent, validUntil: randomValidUntil(random) };
    });
}
