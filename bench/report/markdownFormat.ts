import type { MachineInfo } from './machineInfo.ts';

/** Megabytes, whole. */
export const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);
/** A number with `digits` decimals, or `–` when there is none (NaN: nothing measured). */
export const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : '–');
/** A ratio as `1.23×`, or `–`. */
export const times = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');

/** The line every section opens with: when, on what machine, with which commit and versions. */
export function machineSection(machine: MachineInfo, heading: string): string {
  return [
    `${heading}: ${machine.date.slice(0, 16).replace('T', ' ')} UTC · ${machine.nproc} CPUs (\`nproc\`), ${machine.cpuModel}, ${machine.memoryGiB} GiB · Node ${machine.node} · commit ${machine.commit}`,
    '',
    `Versions: ${Object.entries(machine.packages).map(([name, version]) => `${name} ${version}`).join(' · ')}`,
  ].join('\n');
}
