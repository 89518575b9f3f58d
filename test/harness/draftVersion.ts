import { sdlHash } from '../../src/publishing/store/sdlHash.ts';
import type { CheckReport, SubgraphVersion } from '../../src/publishing/types.ts';

/** A passed check's summary for `subgraph`, with no changes. */
export function passedCheck(subgraph: string): CheckReport {
  return { ok: true, subgraph, errors: [], composition: [], changes: [], clientChanges: {}, brokenOperations: [], warnings: [] };
}

/** A version ready to publish (what the publisher hands the store): `sdl` with its hash, a URL location, published by the admin. */
export function draftVersion(subgraph: string, sdl: string, overrides: Partial<Omit<SubgraphVersion, 'version'>> = {}): Omit<SubgraphVersion, 'version'> {
  return {
    subgraph,
    sdl,
    sdlHash: sdlHash(sdl),
    location: { url: 'http://127.0.0.1:4011/graphql' },
    clients: ['passenger', 'web'],
    publishedBy: 'admin',
    publishedAt: new Date().toISOString(),
    summary: passedCheck(subgraph),
    ...overrides,
  };
}

/** An SDL of exactly `bytes` bytes (ASCII): one type with as many fields as fit, padded with a comment; compresses as real SDL does. */
export function sdlOfSize(bytes: number, typeName = 'Promotion'): string {
  const head = `type ${typeName} @key(fields: "id") {\n  id: ID!\n`;
  const tail = '}\n';
  const lines: string[] = [];
  let size = head.length + tail.length;
  for (let field = 0; ; field++) {
    const line = `  field${field}(locale: String = "en"): String @deprecated(reason: "use field${field + 1}")\n`;
    if (size + line.length > bytes - 3) break;
    lines.push(line);
    size += line.length;
  }
  const padding = bytes - size;
  return `${head}${lines.join('')}${tail}${padding > 0 ? `#${'-'.repeat(padding - 2)}\n`.slice(0, padding) : ''}`;
}
