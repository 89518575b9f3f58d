import { describe, expect, it } from 'vitest';
import { collapseDegraded } from './collapseDegraded.ts';

const fare = (index: number) => ({ path: ['me', 'trips', index, 'fare'], service: 'pricing', reason: 'SERVICE_UNAVAILABLE', fallback: 'null' });

describe('collapseDegraded', () => {
  it('lists entries one by one up to the bound, then one entry per field with the first path and a count', () => {
    const few = [fare(0), fare(1)];
    expect(collapseDegraded(few, 20)).toEqual(few);
    const many = [...Array.from({ length: 200 }, (_, i) => fare(i)), { path: ['me'], service: 'riders', reason: 'DEADLINE_EXCEEDED', fallback: 'null' }];
    expect(collapseDegraded(many, 20)).toEqual([
      { ...fare(0), count: 200 },
      { path: ['me'], service: 'riders', reason: 'DEADLINE_EXCEEDED', fallback: 'null' },
    ]);
  });
});
