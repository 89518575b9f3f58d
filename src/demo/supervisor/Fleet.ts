import { fileURLToPath } from 'node:url';
import type { FaultState } from '../faults/FaultState.ts';
import { SERVICE_NAMES, SERVICE_PROTOCOLS } from '../fleetServices.ts';
import type { ServiceName } from '../fleetServices.ts';
import type { FleetInstance } from '../ipc/fleetMessages.ts';
import { writeAudience } from '../ipc/DemoWrite.ts';
import type { ServiceFaultView, StatsView } from './faultViews.ts';
import { serviceFaultView } from './faultViews.ts';
import { InstanceProcess } from './InstanceProcess.ts';
import { WriteLog } from './WriteLog.ts';

/** How the supervisor runs its instances (parsed from env by `fleet.ts`). */
export interface FleetOptions {
  /** Instances per service; 0 leaves a service out. */
  instanceCounts: Readonly<Record<ServiceName, number>>;
  /** Absent: instances do not register. */
  registry?: { url: string; token: string };
  /** Interface the instances listen on, and the host they advertise. */
  host: string;
  advertiseHost: string;
  /** Environment the instances inherit (PATH and the like); the fleet's own variables are set over it. */
  baseEnv: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

const INSTANCE_ENTRY = fileURLToPath(new URL('../instanceMain.ts', import.meta.url));
/** The package root: `--import tsx` resolves from the working directory. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The supervisor's instances: forks them, relays each write to the service's other instances
 * (drivers' positions to the trips instances too: `writeAudience`) and replays the log to
 * instances started later, applies faults and gathers stats over IPC.
 */
export class Fleet {
  readonly #options: FleetOptions;
  /** Every instance ever started, running or not, in start order. */
  readonly #instances: InstanceProcess[] = [];
  readonly #services = new Set<ServiceName>();
  readonly #nextNumber = new Map<ServiceName, number>();
  readonly #log = new WriteLog();
  #stopping = false;

  constructor(options: FleetOptions) {
    this.#options = options;
  }

  /** Forks every configured instance and waits until all are ready; on failure stops them all. */
  async start(): Promise<void> {
    const started = SERVICE_NAMES.flatMap((service) =>
      Array.from({ length: this.#options.instanceCounts[service] }, () => this.#fork(service)),
    );
    try {
      await Promise.all(started.map((instance) => instance.ready()));
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Starts one more instance of `service` (it replays the write log before it listens). */
  async addInstance(service: ServiceName): Promise<FleetInstance> {
    const instance = this.#fork(service);
    await instance.ready();
    return instance.info();
  }

  /** True when the service runs (or ran) in this fleet. */
  hasService(service: string): service is ServiceName {
    return this.#services.has(service as ServiceName);
  }

  /** True when `id` is a running instance of `service`. */
  hasInstance(service: ServiceName, id: string): boolean {
    return this.#running(service).some((i) => i.id === id);
  }

  /** Every running instance (`GET /instances`). */
  instances(): FleetInstance[] {
    return this.#instances.filter((i) => i.phase === 'ready').map((i) => i.info());
  }

  /** `GET /faults`. */
  faults(): Record<string, ServiceFaultView> {
    const view: Record<string, ServiceFaultView> = {};
    for (const service of this.#services) view[service] = serviceFaultView(this.#running(service));
    return view;
  }

  /** Applies a fault to one instance or all of a service's, once each has applied it; answers the service's view. */
  async setFault(service: ServiceName, fault: FaultState, instanceId?: string): Promise<ServiceFaultView> {
    const targets = this.#running(service).filter((i) => instanceId === undefined || i.id === instanceId);
    await Promise.all(
      targets.map(async (instance) => {
        await instance.request({ type: 'setFault', fault });
        instance.fault = fault;
      }),
    );
    return serviceFaultView(this.#running(service));
  }

  /** `GET /stats`, asked of every running instance; stopped ones keep their last known count. */
  async stats(): Promise<StatsView> {
    await Promise.all(
      this.#instances.map((i) => (i.phase === 'ready' ? i.request({ type: 'getStats' }).catch(() => i.lastRequests) : i.lastRequests)),
    );
    return this.#statsView();
  }

  /** `POST /stats/reset`: zeroes every count; answers the zeroed stats. */
  async resetStats(): Promise<StatsView> {
    await Promise.all(this.#instances.filter((i) => i.phase === 'ready').map((i) => i.request({ type: 'resetStats' }).catch(() => 0)));
    for (const instance of this.#instances) instance.lastRequests = 0;
    return this.#statsView();
  }

  /** Stops every instance (SIGTERM, then SIGKILL after 3 s). */
  async stop(): Promise<void> {
    this.#stopping = true;
    await Promise.all(this.#instances.map((i) => i.stop()));
  }

  #statsView(): StatsView {
    const view: StatsView = { services: {} };
    for (const service of this.#services) view.services[service] = { requests: 0, instances: {} };
    for (const instance of this.#instances) {
      const entry = view.services[instance.service];
      if (entry === undefined) continue;
      entry.requests += instance.lastRequests;
      entry.instances[instance.id] = instance.lastRequests;
    }
    return view;
  }

  #running(service: ServiceName): InstanceProcess[] {
    return this.#instances.filter((i) => i.service === service && i.phase === 'ready');
  }

  #fork(service: ServiceName): InstanceProcess {
    const number = this.#nextNumber.get(service) ?? 1;
    this.#nextNumber.set(service, number + 1);
    this.#services.add(service);
    const id = `${service}-${number}`;
    const { registry, host, advertiseHost, baseEnv, log } = this.#options;
    const env: NodeJS.ProcessEnv = { ...baseEnv, SERVICE: service, INSTANCE_ID: id, HOST: host, ADVERTISE_HOST: advertiseHost };
    delete env['REGISTRY_URL'];
    delete env['REGISTRY_TOKEN'];
    if (registry) Object.assign(env, { REGISTRY_URL: registry.url, REGISTRY_TOKEN: registry.token });
    const instance: InstanceProcess = new InstanceProcess(
      {
        service,
        id,
        entry: INSTANCE_ENTRY,
        execArgv: ['--import', 'tsx'],
        cwd: PACKAGE_ROOT,
        env,
        replay: () => this.#log.entries(service),
        onWrite: (write) => {
          const audience = writeAudience(service, write);
          for (const target of audience) this.#log.append(target, write);
          for (const other of this.#instances) if (other !== instance && audience.includes(other.service)) other.relay(write);
        },
        onExit: (code, signal, expected) => {
          if (!this.#stopping && !expected) log(`[demo fleet] instance ${id} exited (${signal ?? `code ${code}`})`);
        },
      },
      SERVICE_PROTOCOLS[service],
    );
    this.#instances.push(instance);
    return instance;
  }
}
