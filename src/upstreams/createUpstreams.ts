import { fileURLToPath } from 'node:url';
import { serviceCatalog, type ResilienceConfig, type ServiceName, type UpstreamServiceName } from '../config/index.ts';
import { ResilientServiceClient, ServicePolicy } from '../resilience/index.ts';
import { createRestAgent, GrpcClient, RestClient, type Discovery, type GrpcRequest, type RestRequest, type ServiceClient } from '../transport/index.ts';
import { AffinityKeyClient } from './AffinityKeyClient.ts';
import type { Upstreams } from './Upstreams.ts';

const protoDir = fileURLToPath(new URL('../../schemas/proto/', import.meta.url));

/** Every upstream service's client over one discovery view, and how to close them. */
export interface UpstreamClients {
  readonly upstreams: Upstreams;
  /** Each service's call policy (breaker state, retry budget), when created with policies. */
  readonly policies: ReadonlyMap<string, ServicePolicy>;
  close(): Promise<void>;
}

/**
 * Creates a client for every service of `schemas/services.json`: REST (one shared keep-alive undici
 * agent) or gRPC (a channel per instance), with the catalog's affinity key. With `resilience`,
 * each is wrapped in a {@link ResilientServiceClient} running its service's policies (deadline per attempt, retry, retry budget, breaker, bulkhead).
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
  const grpc = (service: string, proto: { protoFile: string; service: string }) =>
    new GrpcClient({ service, discovery, protoPath: `${protoDir}${proto.protoFile}`, serviceName: proto.service });
  const grpcClients: GrpcClient[] = [];
  type AnyClient = ServiceClient<RestRequest> | ServiceClient<GrpcRequest>;
  const clients = new Map<ServiceName, { protocol: 'rest' | 'grpc'; client: AnyClient }>();
  for (const entry of serviceCatalog) {
    let client: AnyClient;
    if (entry.grpc) {
      const channel = grpc(entry.name, entry.grpc);
      grpcClients.push(channel);
      client = guard(channel);
    } else client = guard(rest(entry.name));
    if (entry.affinityKey !== undefined) client = new AffinityKeyClient<RestRequest | GrpcRequest>(client as ServiceClient<RestRequest | GrpcRequest>, entry.affinityKey);
    clients.set(entry.name, { protocol: entry.protocol, client });
  }
  const lookup = (service: ServiceName, protocol: 'rest' | 'grpc'): AnyClient => {
    const found = clients.get(service);
    if (found?.protocol !== protocol) throw new Error(`schemas/services.json does not list ${service} as a ${protocol} service.`);
    return found.client;
  };
  const upstreams: Upstreams = {
    rest: (service) => lookup(service, 'rest') as ServiceClient<RestRequest>,
    grpc: (service) => lookup(service, 'grpc') as ServiceClient<GrpcRequest>,
  };
  return {
    upstreams,
    policies,
    async close() {
      for (const client of grpcClients) client.close();
      await agent.close();
    },
  };
}
