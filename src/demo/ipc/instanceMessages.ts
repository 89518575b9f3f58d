import type { Protocol } from '../../registry/types.ts';
import type { FaultState } from '../faults/FaultState.ts';
import type { DemoWrite } from './DemoWrite.ts';

/**
 * Supervisor → instance, over the Node IPC channel. `replay` answers the instance's `booting`
 * (before it listens); requests carrying a `requestId` get exactly one `reply`.
 */
export type SupervisorMessage =
  | { type: 'replay'; writes: DemoWrite[] }
  | { type: 'write'; write: DemoWrite }
  | { type: 'setFault'; requestId: number; fault: FaultState }
  | { type: 'getStats'; requestId: number }
  | { type: 'resetStats'; requestId: number };

/**
 * Instance → supervisor. `booting`: data built, waiting for the replay; `ready`: listening (and
 * registered when a registry is configured); `failed`: could not start (the process then exits).
 */
export type InstanceMessage =
  | { type: 'booting' }
  | { type: 'ready'; address: string; port: number; protocol: Protocol }
  | { type: 'failed'; message: string }
  | { type: 'write'; write: DemoWrite }
  | { type: 'reply'; requestId: number; requests: number; error?: string };

/** A supervisor request, without its correlation id (added by the sender). */
export type SupervisorRequest =
  | { type: 'setFault'; fault: FaultState }
  | { type: 'getStats' }
  | { type: 'resetStats' };

/** True for an object with a string `type`: the IPC peers are our own processes, so that suffices. */
export function isTyped(value: unknown): value is { type: string } {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
