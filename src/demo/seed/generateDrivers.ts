import type { Random } from './createRandom.ts';
import { randomPointNear } from './geo.ts';
import { CITY_CENTRE, DEMO_DRIVER_ID } from './seedConstants.ts';
import type { Driver, DriverStatus, Vehicle } from './types.ts';
import { FIRST_NAMES, LAST_NAMES, VEHICLE_COLORS, VEHICLE_MODELS } from './vocabulary.ts';

/** Zero-padded driver id, e.g. `d-0001`. */
export const driverId = (n: number): string => `d-${String(n).padStart(4, '0')}`;

/** Drivers are scattered over this radius around the centre. */
const DRIVER_RADIUS_M = 8_000;
const PLATE_LETTERS: readonly string[] = [...'ABCDEFGHIJKLMNOPRSTUVXZ'];

/** `count` drivers within ~8 km of the centre; `d-0001` is AVAILABLE at the centre. */
export function generateDrivers(random: Random, count: number): Driver[] {
  const drivers: Driver[] = [];
  for (let n = 1; n <= count; n++) {
    const id = driverId(n);
    const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    const rating = Math.round(random.between(4.2, 5.0) * 100) / 100;
    const roll = random.next();
    const status: DriverStatus = roll < 0.6 ? 'AVAILABLE' : roll < 0.85 ? 'ON_TRIP' : 'OFFLINE';
    const vehicle = generateVehicle(random);
    const location = randomPointNear(random, CITY_CENTRE, DRIVER_RADIUS_M);
    drivers.push(
      id === DEMO_DRIVER_ID
        ? { id, name: 'João Santos', rating, status: 'AVAILABLE', vehicle, location: { ...CITY_CENTRE } }
        : { id, name, rating, status, vehicle, location },
    );
  }
  return drivers;
}

/** Portuguese-style plate (`12-AB-34`). */
function generateVehicle(random: Random): Vehicle {
  const digits = (): string => String(random.int(0, 99)).padStart(2, '0');
  const letters = (): string => `${random.pick(PLATE_LETTERS)}${random.pick(PLATE_LETTERS)}`;
  return {
    plate: `${digits()}-${letters()}-${digits()}`,
    model: random.pick(VEHICLE_MODELS),
    color: random.pick(VEHICLE_COLORS),
  };
}
