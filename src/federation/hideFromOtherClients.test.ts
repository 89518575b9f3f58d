import { describe, expect, it } from 'vitest';
import { composeClients } from './composeClients.ts';
import { hideFromOtherClients } from './hideFromOtherClients.ts';

const sdl = `
type Driver @key(fields: "id") {
  id: ID!
  earnings(period: Period!): Int @tag(name: "client_driver")
  rating: Float @tag(name: "client_driver") @tag(name: "client_web")
  name: String
}
enum Period @tag(name: "client_driver") { TODAY }
`;

describe('hideFromOtherClients', () => {
  it('marks @inaccessible what is tagged for other clients only, and leaves untagged elements alone', () => {
    const passenger = hideFromOtherClients(sdl, 'passenger');
    expect(passenger).toMatch(/earnings\(period: Period!\): Int @tag\(name: "client_driver"\) @inaccessible/);
    expect(passenger).toMatch(/rating: Float @tag\(name: "client_driver"\) @tag\(name: "client_web"\) @inaccessible/);
    expect(passenger).toMatch(/enum Period @tag\(name: "client_driver"\) @inaccessible/);
    expect(passenger).toMatch(/name: String\n/);
    const web = hideFromOtherClients(sdl, 'web');
    expect(web).toMatch(/rating: Float @tag\(name: "client_driver"\) @tag\(name: "client_web"\)\n/);
    expect(hideFromOtherClients(sdl, 'driver')).not.toContain('@inaccessible');
  });

  it('composes each client so that only the driver schema has earnings', () => {
    const clients = composeClients();
    expect(clients.driver.apiSchemaSdl).toContain('earnings(period: EarningsPeriod!): Money');
    expect(clients.passenger.apiSchemaSdl).not.toContain('earnings');
    expect(clients.web.apiSchemaSdl).not.toContain('EarningsPeriod');
    expect(clients.web.apiSchemaSdl).not.toContain('type Mutation');
  });
});
