import { fileURLToPath } from 'node:url';
import type { Dispatcher } from 'undici';
import { serviceCatalog, type ResilienceConfig, type ServiceName, type UpstreamServiceName } from '../config/index.ts';
import type { Discovery } from '../registry/index.ts';
import { ServicePipeline } from '../resilience/index.ts';
import { createRestAgent, GrpcClient, RestClient, type GrpcRequest, type RestRequest, type ServiceClient, type Transport } from '../transport/index.ts';
import { AffinityKeyClient } from './AffinityKeyClient.ts';
import type { Upstreams } from './Upstreams.ts';

const protoDir = fileURLToPath(new URL('../../schemas/proto/', import.meta.url));

/** Every upstream service's client over one discovery view, and how to close them. */
export interface UpstreamClients {
  readonly upstreams: Upstreams;
  /** Each service's call pipeline (breaker state, retry budget), by service name. */
  readonly policies: ReadonlyMap<string, ServicePipeline<never>>;
  /** The keep-alive undici agent every HTTP call shares (remote subgraphs' too). */
  readonly agent: Dispatcher;
  close(): Promise<void>;
}

/**
 * Creates a client for every service of `schemas/services.json`: its transport (REST over one
 * shared keep-alive undici agent, or gRPC with a channel per instance), which makes one attempt on
 * a given instance, inside a {@link ServicePipeline} that runs its service's policies over
 * `discovery` (deadline, retry with budget, bulkhead, breaker, instance pick and outlier report,
 * attempt timeout), with the catalog's affinity key.
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
  const grpc = (service: string, proto: { protoFile: string; service: string }) =>
    new GrpcClient({ service, protoPath: `${protoDir}${proto.protoFile}`, serviceName: proto.service });
  const grpcClients: GrpcClient[] = [];
  type AnyClient = ServiceClient<RestRequest> | ServiceClient<GrpcRequest>;
  const clients = new Map<ServiceName, { protocol: 'rest' | 'grpc'; client: AnyClient }>();
  for (const entry of serviceCatalog) {
    // Remote subgraph services are called by their subgraph's data source (src/federation/remote).
    if (entry.protocol === 'graphql') continue;
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
    agent,
    async close() {
      for (const pipeline of policies.values()) pipeline.close();
      for (const client of grpcClients) client.close();
      await agent.close();
    },
  };
}
