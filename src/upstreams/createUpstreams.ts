import { fileURLToPath } from 'node:url';
import type { ResilienceConfig, UpstreamServiceName } from '../config/index.ts';
import { ResilientServiceClient, ServicePolicy } from '../resilience/index.ts';
import { createRestAgent, GrpcClient, RestClient, type Discovery, type ServiceClient } from '../transport/index.ts';
import { grpcServices, type Upstreams } from './Upstreams.ts';

const protoDir = fileURLToPath(new URL('../../schemas/proto/', import.meta.url));

/** Every upstream service's client over one discovery view, and how to close them. */
export interface UpstreamClients {
  readonly upstreams: Upstreams;
  /** Each service's call policy (breaker state, retry budget), when created with policies. */
  readonly policies: ReadonlyMap<string, ServicePolicy>;
  close(): Promise<void>;
}

/**
 * Creates the REST clients (one shared keep-alive undici agent) and gRPC clients (a channel per
 * instance). With `resilience`, each is wrapped in a {@link ResilientServiceClient} running its
 * service's policies (deadline per attempt, retry, retry budget, breaker, bulkhead).
 */
export function createUpstreams(discovery: Discovery, resilience?: ResilienceConfig): UpstreamClients {
  const policies = new Map<string, ServicePolicy>();
  const guard = <Req>(client: ServiceClient<Req>): ServiceClient<Req> => {
    if (!resilience) return client;
    const settings = resilience.services[client.service as UpstreamServiceName] as ResilienceConfig['services'][UpstreamServiceName] | undefined;
    if (!settings) throw new Error(`No call policy is configured for the ${client.service} service.`);
    const policy = new ServicePolicy({ service: client.service, policy: settings, deadline: resilience.deadline });
    policies.set(client.service, policy);
    return new ResilientServiceClient(client, policy);
  };
  const agent = createRestAgent();
  const rest = (service: string) => new RestClient({ service, discovery, dispatcher: agent });
  const grpc = (service: keyof typeof grpcServices) =>
    new GrpcClient({
      service,
      discovery,
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
      drivers.close();
      pricing.close();
      await agent.close();
    },
  };
}
