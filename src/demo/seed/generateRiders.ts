import type { Random } from './createRandom.ts';
import { DEMO_RIDER_ID } from './seedConstants.ts';
import type { Rider } from './types.ts';
import { FIRST_NAMES, LAST_NAMES } from './vocabulary.ts';

/** Zero-padded rider id, e.g. `r-0001`. */
export const riderId = (n: number): string => `r-${String(n).padStart(4, '0')}`;

const MEMBER_SINCE_START = Date.UTC(2018, 0, 1);
const MEMBER_SINCE_END = Date.UTC(2024, 11, 31);

/** `count` riders; `r-0001` is the demo rider "Ana Silva". */
export function generateRiders(random: Random, count: number): Rider[] {
  const riders: Rider[] = [];
  for (let n = 1; n <= count; n++) {
    const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    const rating = Math.round(random.between(4.0, 5.0) * 100) / 100;
    const since = new Date(random.between(MEMBER_SINCE_START, MEMBER_SINCE_END)).toISOString().slice(0, 10);
    const id = riderId(n);
    riders.push({ id, name: id === DEMO_RIDER_ID ? 'Ana Silva' : name, rating, memberSince: since });
  }
  return riders;
}
