import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costDirectivesSdl } from './costDirectives.ts';
import { CostModel } from './CostModel.ts';
import { measureActualCost } from './measureActualCost.ts';
import { approximateJsonBytes, ResponseBudget } from './ResponseBudget.ts';

const sdl = `${costDirectivesSdl}
type Query { products: [Product!] @listSize(assumedSize: 20) }
type Product { id: ID! related(first: Int! = 10): [Product!] @listSize(slicingArguments: ["first"]) heavy: Product @cost(weight: 5) }`;
const schema = buildSchema(sdl);
const model = new CostModel([parse(sdl)]);

describe('measureActualCost', () => {
  it('counts the objects the answer holds, not the sizes asked for; fields merged per response key', () => {
    const document = parse('fragment F on Product { related(first: 50) { id } } { products { id ...F ...F heavy { id } } }');
    const operation = document.definitions[1] as OperationDefinitionNode;
    const data = {
      products: [
        { id: 'a', related: [{ id: 'b' }, { id: 'c' }], heavy: { id: 'h' } },
        { id: 'b', related: [], heavy: null },
      ],
    };
    // 2 products + 2 related + 1 heavy (weight 5).
    expect(measureActualCost(schema, model, document, operation, data)).toBe(2 + 2 + 5);
    expect(measureActualCost(schema, model, document, operation, null)).toBe(0);
  });
});

describe('ResponseBudget', () => {
  it('charges fetches until the limit, then refuses every further one', () => {
    const budget = new ResponseBudget(100);
    expect(budget.charge({ id: 'a'.repeat(40) })).toBe(true);
    expect(budget.exceeded).toBe(false);
    expect(budget.charge({ id: 'b'.repeat(80) })).toBe(false);
    expect(budget.exceeded).toBe(true);
    expect(budget.charge({})).toBe(false);
    expect(() => new ResponseBudget(0)).toThrow(/limitBytes must be a positive whole number, not 0/);
  });

  it('estimates JSON size closely and stops counting past the cap', () => {
    const value = { products: [{ id: 'p-1', price: { amount: 6.5, stale: false } }, null] };
    const exact = JSON.stringify(value).length;
    const estimate = approximateJsonBytes(value, Number.POSITIVE_INFINITY);
    expect(estimate).toBeGreaterThan(exact * 0.7);
    expect(estimate).toBeLessThan(exact * 1.5);
    const huge = Array.from({ length: 1_000_000 }, () => ({ id: 'x' }));
    expect(approximateJsonBytes(huge, 1_000)).toBeGreaterThan(1_000);
  });
});
