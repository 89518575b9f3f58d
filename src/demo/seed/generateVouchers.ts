import type { Random } from './createRandom.ts';
import { randomDiscountPercent, randomValidUntil } from './offerTerms.ts';
import { DEMO_RIDER_ID } from './seedConstants.ts';
import type { Product, Rider, Voucher } from './types.ts';

/** What a voucher was given for; its code starts with it, e.g. `WELCOME15-7KQ2`. */
const REASONS: readonly string[] = ['WELCOME', 'LOYAL', 'SORRY', 'BIRTHDAY', 'FRIEND', 'COMEBACK'];
/** Suffix characters, without look-alikes (0/O, 1/I). */
const SUFFIX_CHARS = [...'23456789ABCDEFGHJKLMNPQRSTUVWXYZ'];

/** Most vouchers one rider holds. */
const MAX_PER_RIDER = 3;
/** The demo rider holds at least this many, so the passenger home screen shows some. */
const DEMO_RIDER_MIN = 2;

/**
 * 0..3 vouchers per rider (the demo rider at least 2), each for a different product, each rider's
 * soonest to expire first. Codes are unique: the suffix is drawn again on a clash.
 */
export function generateVouchers(random: Random, riders: readonly Rider[], products: readonly Product[]): Voucher[] {
  const vouchers: Voucher[] = [];
  const codes = new Set<string>();
  for (const rider of riders) {
    const drawn = random.int(0, MAX_PER_RIDER);
    const count = Math.min(rider.id === DEMO_RIDER_ID ? Math.max(drawn, DEMO_RIDER_MIN) : drawn, products.length);
    const productIds = products.map((p) => p.id);
    const held: Voucher[] = [];
    for (let i = 0; i < count; i++) {
      const [productId] = productIds.splice(random.int(0, productIds.length - 1), 1);
      const discountPercent = randomDiscountPercent(random);
      const prefix = `${random.pick(REASONS)}${discountPercent}-`;
      let code: string;
      do code = prefix + Array.from({ length: 4 }, () => random.pick(SUFFIX_CHARS)).join('');
      while (codes.has(code));
      codes.add(code);
      held.push({ riderId: rider.id, productId: productId!, code, discountPercent, validUntil: randomValidUntil(random) });
    }
    held.sort((a, b) => a.validUntil.localeCompare(b.validUntil));
    vouchers.push(...held);
  }
  return vouchers;
}
