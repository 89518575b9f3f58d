import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeClients, type ClientSupergraph } from '../../federation/index.ts';
import type { ClientName } from '../../config/index.ts';
import { checkChange, type CheckOptions } from './checkChange.ts';
import { loadClientOperations } from './ClientOperations.ts';
import { withChange, type ProposedChange } from './LiveGraph.ts';
import { createWorkerComposer } from './WorkerComposer.ts';
import { liveGraphFromCatalog } from './liveGraphFromCatalog.ts';

const promotions = readFileSync(new URL('../../../schemas/remote/promotions.graphql', import.meta.url), 'utf8');
const live = liveGraphFromCatalog();
const operations = loadClientOperations();
let served: Record<ClientName, ClientSupergraph>;

/** A change of the promotions subgraph (joining the passenger and web apps, as now). */
function promotionsChange(sdl: string, overrides: Partial<ProposedChange> = {}): ProposedChange {
  return { subgraph: 'promotions', sdl, clients: ['passenger', 'web'], strict: false, ...overrides };
}

/** `promotions` with `from` replaced by `to` (which must be there). */
function edited(from: string | RegExp, to: string): string {
  const next = promotions.replace(from, to);
  expect(next).not.toBe(promotions);
  return next;
}

/** The 1-based line of the first line of `sdl` containing `text`. */
function lineOf(sdl: string, text: string): number {
  return sdl.split('\n').findIndex((line) => line.includes(text)) + 1;
}

describe('checkChange', () => {
  let options: CheckOptions;
  beforeAll(() => {
    served = composeClients();
    options = { operations, liveSupergraphs: served };
  });

  it('rejects removing a field PassengerHome selects, naming the client, the operation and the field', async () => {
    const { report, supergraphs } = await checkChange(live, promotionsChange(edited(/ {2}"Unused vouchers.*\n {2}vouchers: .*\n/, '')), options);
    expect(report.ok).toBe(false);
    expect(report.brokenOperations).toContainEqual(
      expect.objectContaining({ client: 'passenger', operation: 'PassengerHome (clients/passenger/PassengerHome.graphql)', field: 'Rider.vouchers' }),
    );
    expect(report.errors.join('\n')).toMatch(/passenger: PassengerHome .* uses Rider\.vouchers/);
    expect(report.changes).toContainEqual(expect.objectContaining({ criticality: 'BREAKING', path: 'Rider.vouchers' }));
    expect(report.clientChanges.passenger).toContainEqual(expect.objectContaining({ criticality: 'BREAKING', path: 'Rider.vouchers' }));
    expect(report.clientChanges.web).toEqual([]);
    expect(supergraphs).toEqual({});
  });

  it('accepts removing a field no operation uses with a warning, and rejects it when strict', async () => {
    const withTitle = edited('  code: String!\n', '  code: String!\n  title: String\n');
    const liveWithTitle = withChange(live, promotionsChange(withTitle));
    const lenient = await checkChange(liveWithTitle, promotionsChange(promotions), { operations });
    expect(lenient.report.ok).toBe(true);
    expect(lenient.report.warnings).toHaveLength(2);
    expect(lenient.report.warnings[0]).toMatch(/^passenger: .*Promotion\.title.*no known operation uses it/);
    expect(lenient.report.warnings[1]).toMatch(/^web: /);
    expect(Object.keys(lenient.supergraphs).sort()).toEqual(['passenger', 'web']);

    const strict = await checkChange(liveWithTitle, promotionsChange(promotions, { strict: true }), { operations });
    expect(strict.report.ok).toBe(false);
    expect(strict.report.errors).toEqual([expect.stringMatching(/^passenger: .*Promotion\.title.*\(strict\)$/), expect.stringMatching(/^web: .*\(strict\)$/)]);
    expect(strict.supergraphs).toEqual({});
  });

  it('accepts adding a field as a safe change, and returns the supergraphs of the clients it joins', async () => {
    const { report, supergraphs } = await checkChange(live, promotionsChange(edited('  code: String!\n', '  code: String!\n  "A headline."\n  title: String\n')), options);
    expect(report).toMatchObject({ ok: true, errors: [], warnings: [], brokenOperations: [], composition: [] });
    expect(report.changes).toContainEqual({ criticality: 'NON_BREAKING', message: "Field 'title' was added to object type 'Promotion'", path: 'Promotion.title' });
    expect(report.clientChanges.passenger).toContainEqual(expect.objectContaining({ criticality: 'NON_BREAKING', path: 'Promotion.title' }));
    expect(report.clientChanges.driver).toBeUndefined();
    expect(Object.keys(supergraphs).sort()).toEqual(['passenger', 'web']);
    expect(supergraphs.web?.apiSchemaSdl).toMatch(/title: String/);
  });

  it('rejects SDL that does not compose with each error, its subgraph and its line and column', async () => {
    const sdl = edited('type Product @key(fields: "id") {\n  id: ID!\n', 'type Product @key(fields: "id") {\n  id: ID!\n  name: Int\n');
    const { report } = await checkChange(live, promotionsChange(sdl), options);
    expect(report.ok).toBe(false);
    const mismatch = report.composition.find((problem) => problem.client === 'web' && problem.message.includes('Product.name'));
    expect(mismatch).toMatchObject({ subgraph: 'promotions', locations: [{ line: lineOf(sdl, '  name: Int'), column: 3 }] });
    expect(report.composition.map((problem) => problem.client)).toEqual(expect.arrayContaining(['passenger', 'web']));
    expect(report.errors.join('\n')).toMatch(/passenger, web does not compose: .*Product\.name/);
  });

  it('reports the same problems when composing on a worker thread', async () => {
    const worker = createWorkerComposer();
    try {
      const sdl = edited('  code: String!\n', '  code: Nope\n');
      const { report } = await checkChange(live, promotionsChange(sdl, { clients: ['web'] }), { ...options, compose: worker.compose });
      // The passenger app, dropped from the clients, composes without the subgraph.
      expect(report.composition).toEqual([{ client: 'web', message: '[promotions] Unknown type Nope', subgraph: 'promotions', locations: [{ line: lineOf(sdl, 'code: Nope'), column: 9 }] }]);
    } finally {
      await worker.close();
    }
  });

  it('rejects SDL that does not parse, with the syntax error and where it is', async () => {
    const { report } = await checkChange(live, promotionsChange('type Promotion {\n  code: String!\n'), options);
    expect(report.ok).toBe(false);
    expect(report.composition[0]).toMatchObject({ client: 'passenger', subgraph: 'promotions', message: expect.stringMatching(/Syntax Error/), locations: [{ line: 3, column: 1 }] });
  });

  it('rejects a fallback on a non-null field, naming Type.field', async () => {
    const sdl = edited('  code: String!\n', '  code: String! @fallback(kind: NULL)\n');
    const { report } = await checkChange(live, promotionsChange(sdl), options);
    expect(report.ok).toBe(false);
    expect(report.composition[0]).toMatchObject({ subgraph: 'promotions', message: expect.stringMatching(/Promotion\.code: @fallback\(kind: NULL\) on a non-null field/) });
    expect(report.composition[0]?.locations).toEqual([{ line: lineOf(sdl, 'code: String! @fallback'), column: 3 }]);
  });

  it('rejects a nullability change on a field an operation selects, though the operation still validates', async () => {
    const { report } = await checkChange(live, promotionsChange(edited('  discountPercent: Int! @public', '  discountPercent: Int @public')), options);
    expect(report.ok).toBe(false);
    expect(report.brokenOperations).toEqual([
      expect.objectContaining({ client: 'passenger', operation: 'PassengerHome (clients/passenger/PassengerHome.graphql)', field: 'Voucher.discountPercent', message: expect.stringMatching(/changed type from 'Int!' to 'Int'/) }),
    ]);
  });

  it('checks a client the change drops: it loses the subgraph', async () => {
    const { report } = await checkChange(live, promotionsChange(promotions, { clients: ['web'] }), options);
    expect(report.ok).toBe(false);
    expect(report.clientChanges.passenger).toContainEqual(expect.objectContaining({ criticality: 'BREAKING', path: 'Rider.vouchers' }));
    expect(report.brokenOperations).toContainEqual(expect.objectContaining({ client: 'passenger', field: 'Rider.vouchers' }));
  });
});
