import { isDeepStrictEqual } from 'node:util';
import type { LoadRequest } from './load/LoadJob.ts';
import type { MeasuredOperation, SystemUnderTest } from './systems/SystemUnderTest.ts';

/** Fields whose value changes between two calls (a quote's timestamp); replaced before comparing. */
const volatileFields = new Set(['quotedAt']);

/** Attempts per operation: prices change each minute, so a mismatch across a minute boundary is retried. */
const attempts = 3;

/** One operation's check: every system answered the same data as A (or the first system). */
export interface SameDataCheck {
  readonly operation: string;
  readonly same: boolean;
  /** Bytes of the reference answer. */
  readonly bytes: number;
  /** Where the first difference is, when not the same. */
  readonly difference?: string;
}

async function send(request: LoadRequest): Promise<unknown> {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, ...(request.body ? { body: request.body } : {}) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${request.method} ${request.url}: ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as unknown;
}

/** `data` with volatile fields blanked, and each error as its path and code only (messages may differ). */
function normalise(body: unknown): unknown {
  const { data, errors } = body as { data?: unknown; errors?: { path?: unknown; extensions?: { code?: unknown } }[] };
  const clean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(clean);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, volatileFields.has(key) ? '<volatile>' : clean(v)]));
  };
  return { data: clean(data ?? null), errors: (errors ?? []).map((error) => ({ path: error.path ?? null, code: error.extensions?.code ?? null })) };
}

/** A short description of where two JSON values first differ. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path}: ${JSON.stringify(a)?.slice(0, 200)} vs ${JSON.stringify(b)?.slice(0, 200)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const difference = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    if (difference) return difference;
  }
  return `${path}: differ`;
}

/**
 * Sends each operation once to every system (as `tokenFor(operation)`'s holder) and checks that all
 * answer the same data as the first (A when it runs): deep-equal after blanking volatile fields,
 * errors compared by path and code.
 */
export async function checkSameData<Op extends MeasuredOperation>(
  systems: readonly SystemUnderTest<Op>[],
  operations: readonly Op[],
  tokenFor: (operation: Op) => string,
): Promise<SameDataCheck[]> {
  const checks: SameDataCheck[] = [];
  for (const operation of operations) {
    let check: SameDataCheck | undefined;
    for (let attempt = 1; attempt <= attempts && !check?.same; attempt++) {
      const answers = await Promise.all(systems.map(async (system) => ({ system, body: await send(system.request(operation, tokenFor(operation))) })));
      const [reference, ...others] = answers;
      if (!reference) break;
      const expected = normalise(reference.body);
      let difference: string | undefined;
      for (const other of others) {
        const found = firstDifference(expected, normalise(other.body));
        if (found) {
          difference = `${reference.system.id} vs ${other.system.id} at ${found}`;
          break;
        }
      }
      check = { operation: operation.label, same: difference === undefined, bytes: JSON.stringify(reference.body).length, ...(difference ? { difference } : {}) };
    }
    if (check) checks.push(check);
  }
  return checks;
}
