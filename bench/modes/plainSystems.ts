import type { BenchEnvironment } from '../BenchEnvironment.ts';
import type { BenchOptions } from '../BenchOptions.ts';
import type { BenchOperation } from '../operations.ts';
import type { PlainResults } from '../report/resultFiles.ts';
import { compareSystems } from './compareSystems.ts';

/**
 * Plain mode: this gateway in plain federation mode (P: `SUPERGRAPH_FILE`, every subgraph remote)
 * against B and C over the same subgraph servers, on the same operations (the two screens unless
 * `--operations` names others): the same data check, then alternating rounds.
 */
export async function plainSystems(
  env: BenchEnvironment,
  operations: readonly BenchOperation[],
  options: BenchOptions,
  log: (line: string) => void,
): Promise<PlainResults> {
  const measured = options.operations ? operations : operations.filter((operation) => operation.trips === undefined || operation.trips === 10);
  const { machine, checks, measurements } = await compareSystems(env, measured, options, log);
  return { kind: 'plain', machine, options, checks, measurements };
}
