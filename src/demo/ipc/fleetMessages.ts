import type { Protocol } from '../../registry/types.ts';
import type { ServiceName } from '../fleetServices.ts';

/** One running instance process (`GET /instances`). */
export interface FleetInstance {
  service: ServiceName;
  /** `<service>-<n>`. */
  id: string;
  pid: number;
  protocol: Protocol;
  /** `host:port`. */
  address: string;
}

/** Supervisor → the process that forked it: started (with where to find it), or failed. */
export type FleetMessage =
  | { type: 'ready'; controlPort: number; controlUrl: string; instances: FleetInstance[] }
  | { type: 'failed'; message: string };
