import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { clientNames, loadConfig } from '../config/index.ts';
import { clientSubgraphSdls, composeClients } from '../federation/index.ts';
import { CostModel } from './CostModel.ts';
import { OperationGuard } from './OperationGuard.ts';

const clientsDir = fileURLToPath(new URL('../../clients/', import.meta.url));
const { limits } = loadConfig({});
const supergraphs = composeClients();

/** The largest values the apps may send: every page at its documented maximum. */
const largestVariables = {
  first: 200,
  lat: 38.7223,
  lng: -9.1393,
  id: 'p-comfort',
  productId: 'p-comfort',
  tripId: 't-000001',
  pickup: { lat: 38.72, lng: -9.14 },
  dropoff: { lat: 38.74, lng: -9.15 },
};

describe('the default limits leave room for every operation the apps send', () => {
  for (const client of clientNames) {
    const guard = new OperationGuard({
      schema: buildSchema(supergraphs[client].apiSchemaSdl),
      costModel: new CostModel(clientSubgraphSdls(client).map(({ sdl }) => parse(sdl))),
      limits: limits.clients[client],
      maxIdLength: limits.maxIdLength,
    });
    const files = readdirSync(`${clientsDir}${client}`).filter((file) => file.endsWith('.graphql'));
    it.each(files)(`${client}/%s costs at most a quarter of the limit at its largest`, (file) => {
      const query = readFileSync(`${clientsDir}${client}/${file}`, 'utf8');
      const guarded = guard.check({ query, variables: largestVariables, operationName: undefined });
      expect(guarded.estimatedCost).toBeLessThanOrEqual(limits.clients[client].maxCost / 4);
    });
  }
});
