import { fileURLToPath } from 'node:url';
import type { ResilienceConfig, UpstreamServiceName } from '../config/index.ts';
import type { Discovery } from '../registry/index.ts';
import { ServicePipeline } from '../resilience/index.ts';
import { createRestAgent, GrpcClient, RestClient, type Transport } from '../transport/index.ts';
import { grpcServices, type Upstreams } from './Upstreams.ts';

const protoDir = fileURLToPath(new URL('../../schemas/proto/', import.meta.url));

/** Every upstream service's client over one discovery view, and how to close them. */
export interface UpstreamClients {
  readonly upstreams: Upstreams;
  /** Each service's call pipeline (breaker state, retry budget), by service name. */
  readonly policies: ReadonlyMap<string, ServicePipeline<never>>;
  close(): Promise<void>;
}

/**
 * Creates every service's client: its transport (REST over one shared keep-alive undici agent, or
 * gRPC with a channel per instance), which makes one attempt on a given instance, inside a
 * {@link ServicePipeline} that runs its service's policies over `discovery` (deadline, retry with
 * budget, bulkhead, breaker, instance pick and outlier report, attempt timeout).
 */
export function createUpstreams(discovery: Discovery, resilience: ResilienceConfig): UpstreamClients {
  const policies = new Map<string, ServicePipeline<never>>();
  const guard = <Req>(transport: Transport<Req>): ServicePipeline<Req> => {
    const settings = resilience.services[transport.service as UpstreamServiceName] as ResilienceConfig['services'][UpstreamServiceName] | undefined;
    if (!settings) throw new Error(`No call policy is configured for the ${transport.service} service.`);
    const pipeline = new ServicePipeline({ transport, discovery, policy: settings, deadline: resilience.deadline });
    policies.set(transport.service, pipeline as ServicePipeline<never>);
    return pipeline;
  };
  const agent = createRestAgent();
  const rest = (service: string) => new RestClient({ service, dispatcher: agent });
  const grpc = (service: keyof typeof grpcServices) =>
    new GrpcClient({
      service,
      protoPath: `${protoDir}${grpcServices[service].protoFile}`,
      serviceName: grpcServices[service].serviceName,
    });
  const drivers = grpc('drivers');
  const pricing = grpc('pricing');
  const upstreams: Upstreams = {
    riders: guard(rest('riders')),
    trips: guard(rest('trips')),
    catalog: guard(rest('catalog')),
    reviews: guard(rest('reviews')),
    recommendations: guard(rest('recommendations')),
    notifications: guard(rest('notifications')),
    drivers: guard(drivers),
    pricing: guard(pricing),
  };
  return {
    upstreams,
    policies,
    async close() {
      for (const pipeline of policies.values()) pipeline.close();
      drivers.close();
      pricing.close();
      await agent.close();
    },
  };
}
