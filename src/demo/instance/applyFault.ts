import type { FaultGate } from '../faults/FaultGate.ts';
import type { FaultState } from '../faults/FaultState.ts';
import type { ServiceServer } from './ServiceServer.ts';

/**
 * Puts an instance in a fault: `down` halts the listener (connections reset, port kept); any
 * other mode listens again on the same port if it was down, then lets the gate apply the mode.
 */
export async function applyFault(server: ServiceServer, gate: FaultGate, fault: FaultState): Promise<void> {
  gate.set(fault);
  if (fault.mode === 'down') await server.halt();
  else if (!server.listening) await server.start();
}
