import type { CheckReport, SchemaChange } from '../types.ts';

const labels: Record<SchemaChange['criticality'], string> = { BREAKING: 'breaking ', DANGEROUS: 'dangerous', NON_BREAKING: 'safe     ' };

/** A check's report as a team reads it in a terminal: the verdict, then why. */
export function formatReport(report: CheckReport, options: { changesOnly?: boolean } = {}): string {
  const lines: string[] = [];
  const change = (item: SchemaChange) => `  ${labels[item.criticality]}  ${item.message}${item.path ? `  (${item.path})` : ''}`;
  lines.push(report.changes.length === 0 ? `${report.subgraph}: no change to its SDL` : `${report.subgraph}: ${report.changes.length} change(s)`);
  lines.push(...report.changes.map(change));
  for (const [client, changes] of Object.entries(report.clientChanges)) {
    if (changes && changes.length > 0) lines.push(`${client} schema:`, ...changes.map(change));
  }
  if (options.changesOnly) return lines.join('\n');
  for (const problem of report.composition) {
    const where = problem.locations?.[0] ? ` line ${problem.locations[0].line}:${problem.locations[0].column}` : '';
    lines.push(`composition (${problem.client}${problem.subgraph ? `, ${problem.subgraph}${where}` : ''}): ${problem.message}`);
  }
  for (const broken of report.brokenOperations) lines.push(`breaks ${broken.client} ${broken.operation} at ${broken.field}: ${broken.message}`);
  for (const error of report.errors) if (!lines.some((line) => line.includes(error))) lines.push(`error: ${error}`);
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  lines.push(report.ok ? 'verdict: PASS' : 'verdict: REJECTED');
  return lines.join('\n');
}
