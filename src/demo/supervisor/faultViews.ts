import type { FaultMode, FaultState } from '../faults/FaultState.ts';
import { HEALTHY, sameFault } from '../faults/FaultState.ts';

/**
 * One service's faults (`GET /faults` entry, `PUT /faults/<service>` answer): the mode its
 * instances share, or `mixed` when they differ, plus each instance's own.
 */
export type ServiceFaultView = {
  mode: FaultMode | 'mixed';
  latencyMs?: number;
  rate?: number;
  instances: Record<string, FaultState>;
};

/** `GET /stats`. */
export interface StatsView {
  services: Record<string, { requests: number; instances: Record<string, number> }>;
}

/** Summarises the faults of a service's instances (no instances: `ok`). */
export function serviceFaultView(instances: readonly { id: string; fault: FaultState }[]): ServiceFaultView {
  const first = instances[0]?.fault ?? HEALTHY;
  const shared = instances.every((i) => sameFault(i.fault, first));
  const byId: Record<string, FaultState> = {};
  for (const instance of instances) byId[instance.id] = instance.fault;
  return shared ? { ...first, instances: byId } : { mode: 'mixed', instances: byId };
}
