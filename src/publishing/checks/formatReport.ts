import type { CheckReport, SchemaChange } from '../types.ts';
import type { OfflineCheckResult } from './offlineCheck.ts';

/** A check report as a person reads it in a terminal: verdict, errors, warnings, then the diffs. */
export function formatCheckReport(report: CheckReport, title: string = report.subgraph): string {
  const lines = [`${title}: ${report.ok ? 'OK' : 'REJECTED'}`];
  const list = (heading: string, items: readonly string[]) => {
    if (items.length === 0) return;
    lines.push(`  ${heading}:`, ...items.map((item) => `    - ${item}`));
  };
  list('errors', report.errors);
  list('warnings', report.warnings);
  list(`changes to ${report.subgraph}'s SDL`, describeChanges(report.changes));
  for (const [client, changes] of Object.entries(report.clientChanges)) {
    list(`changes to the ${client} schema`, describeChanges(changes ?? []));
  }
  if (report.changes.length === 0 && Object.values(report.clientChanges).every((changes) => changes?.length === 0) && report.errors.length === 0) {
    lines.push('  no schema change');
  }
  return lines.join('\n');
}

/** The offline check's whole answer: the base, one block per changed file, the rest of the graph, the verdict. */
export function formatOfflineCheck(result: OfflineCheckResult): string {
  const lines: string[] = [];
  lines.push(
    result.base.kind === 'commit'
      ? `Schema check of the working tree against ${result.base.ref} (merge base ${result.base.sha.slice(0, 12)})`
      : `Schema check without a base commit: ${result.base.reason}. Checking composition and operations only.`,
  );
  if (result.base.kind === 'commit' && result.reports.length === 0) lines.push('No SDL file changed.');
  for (const { file, report } of result.reports) lines.push('', formatCheckReport(report, `${file} (${report.subgraph})`));
  const { composition, brokenOperations } = result.graph;
  if (composition.length > 0 || brokenOperations.length > 0) {
    lines.push('', 'The rest of the graph:');
    for (const problem of composition) lines.push(`  - ${problem.client} does not compose: ${problem.message}${problem.locations?.[0] ? ` (${problem.subgraph ?? 'SDL'} ${problem.locations[0].line}:${problem.locations[0].column})` : ''}`);
    for (const broken of brokenOperations) lines.push(`  - ${broken.client}: ${broken.operation} uses ${broken.field}: ${broken.message}`);
  }
  for (const note of result.notes) lines.push(`note: ${note}`);
  const errors = result.reports.reduce((sum, { report }) => sum + report.errors.length, 0) + composition.length + brokenOperations.length;
  const warnings = result.reports.reduce((sum, { report }) => sum + report.warnings.length, 0);
  lines.push('', result.ok ? `Schema check passed${warnings > 0 ? ` with ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.` : `Schema check FAILED: ${errors} error${errors === 1 ? '' : 's'}.`);
  return lines.join('\n');
}

/** At most this many changes per list in the text report (a new subgraph "adds" every element); `--json` has them all. */
const shownChanges = 25;

/** The breaking changes first, then dangerous, then safe; past {@link shownChanges}, a count. */
function describeChanges(changes: readonly SchemaChange[]): string[] {
  const order = { BREAKING: 0, DANGEROUS: 1, NON_BREAKING: 2 } as const;
  const sorted = [...changes].sort((a, b) => order[a.criticality] - order[b.criticality]);
  const lines = sorted.slice(0, shownChanges).map((change) => `${change.criticality.padEnd(12)} ${change.message}`);
  if (sorted.length > shownChanges) lines.push(`... and ${sorted.length - shownChanges} more (--json lists them all)`);
  return lines;
}
