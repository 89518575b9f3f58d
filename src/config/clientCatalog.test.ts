import { describe, expect, it } from 'vitest';
import { clientCatalog, clientEntry, parseClientCatalog } from './clientCatalog.ts';
import { clientNames, isClientName } from './clientNames.ts';
import { buildDeadlines } from './deadlineConfig.ts';
import { loadConfig } from './loadConfig.ts';

const web = {
  audience: 'ride-bff:kiosk',
  tokenRequired: false,
  role: 'rider',
  playground: { opens: 'Home', variables: { Home: {} }, users: [{ id: 'r-0001', label: 'Ana' }] },
  demo: { user: 'r-0001', scopes: [] },
};
const parse = (clients: Record<string, unknown>) => parseClientCatalog({ clients }, 'test.json');

describe('client catalog (schemas/clients.json)', () => {
  it('lists the apps with their audience, token rule, role, playground start and demo user', () => {
    expect(clientNames).toEqual(['passenger', 'driver', 'web']);
    expect(isClientName('web')).toBe(true);
    expect(isClientName('admin')).toBe(false);
    expect(clientCatalog.map((client) => [client.name, client.audience, client.tokenRequired, client.role])).toEqual([
      ['passenger', 'ride-bff:passenger', true, 'rider'],
      ['driver', 'ride-bff:driver', true, 'driver'],
      ['web', 'ride-bff:web', false, 'rider'],
    ]);
    expect(clientEntry('passenger').playground).toMatchObject({ opens: 'PassengerHome', variables: { PassengerHome: { lat: 38.7223, lng: -9.1393 } }, anonymous: false });
    expect(clientEntry('web').playground.anonymous).toBe(true);
    expect(clientEntry('driver').demo).toEqual({ user: 'd-0001', scopes: ['rides:drive', 'earnings:read'] });
  });

  it('derives DEADLINE_MS_<CLIENT> and the per-client limits of the config', () => {
    const config = loadConfig({ DEADLINE_MS_DRIVER: '700', COST_LIMIT_WEB: '100' });
    expect(config.deadlineMs).toEqual({ passenger: 1_000, driver: 700, web: 1_000 });
    expect(Object.keys(config.limits.clients)).toEqual(clientNames);
    expect(config.limits.clients.web.maxCost).toBe(100);
    expect(() => loadConfig({ DEADLINE_MS_WEB: '9000' })).toThrow(/DEADLINE_MS_WEB="9000"/);
  });

  it('takes a client\'s catalog deadline under the variables', () => {
    const clients = parse({ kiosk: { ...web, deadlineMs: 2_500 }, shop: { ...web, audience: 'ride-bff:shop' } });
    expect(buildDeadlines({}, clients)).toEqual({ kiosk: 2_500, shop: 1_000 });
    expect(buildDeadlines({ DEADLINE_MS: 800 }, clients)).toEqual({ kiosk: 800, shop: 800 });
    expect(buildDeadlines({ DEADLINE_MS: 800, DEADLINE_MS_KIOSK: 300 }, clients)).toEqual({ kiosk: 300, shop: 800 });
  });

  it('names the entry and what is wrong with it', () => {
    expect(() => parse({ kiosk: { ...web, tokenRequired: 'yes' } })).toThrow(/test\.json: clients\.kiosk\.tokenRequired: /);
    expect(() => parse({ kiosk: { ...web, role: 'admin' } })).toThrow(/clients\.kiosk\.role: /);
    expect(() => parse({ kiosk: { ...web, deadlineMs: 9_000 } })).toThrow(/clients\.kiosk\.deadlineMs: /);
    expect(() => parse({ kiosk: { ...web, playground: { ...web.playground, opens: 'kiosk/Home.graphql' } } })).toThrow(/clients\.kiosk\.playground\.opens: must be an operation name/);
    expect(() => parse({ kiosk: { ...web, playground: { ...web.playground, users: [] } } })).toThrow(/clients\.kiosk\.playground\.users/);
    expect(() => parse({ kiosk: { ...web, demo: { user: 'r-0001', scopes: ['a b'] } } })).toThrow(/clients\.kiosk\.demo\.scopes\.0: /);
    expect(() => parse({ kiosk: { ...web, colour: 'red' } })).toThrow(/clients\.kiosk: .*colour/);
    expect(() => parse({ kiosk: web, shop: web })).toThrow(/two clients share an audience/);
    expect(() => parse({ 'Kiosk/2': web })).toThrow(/clients\.Kiosk\/2: a client name is lower case/);
  });
});
