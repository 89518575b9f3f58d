import { fileURLToPath } from 'node:url';
import { createRestAgent, GrpcClient, RestClient, type Discovery } from '../transport/index.ts';
import { grpcServices, type Upstreams } from './Upstreams.ts';

const protoDir = fileURLToPath(new URL('../../schemas/proto/', import.meta.url));

/** Every upstream service's client over one discovery view, and how to close them. */
export interface UpstreamClients {
  readonly upstreams: Upstreams;
  close(): Promise<void>;
}

/** Creates the REST clients (one shared keep-alive undici agent) and gRPC clients (a channel per instance). */
export function createUpstreams(discovery: Discovery): UpstreamClients {
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
    riders: rest('riders'),
    trips: rest('trips'),
    catalog: rest('catalog'),
    reviews: rest('reviews'),
    recommendations: rest('recommendations'),
    notifications: rest('notifications'),
    drivers,
    pricing,
  };
  return {
    upstreams,
    async close() {
      drivers.close();
      pricing.close();
      await agent.close();
    },
  };
}
