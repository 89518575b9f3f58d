/** Who asks, as the privacy oracle knows them. */
export type Asker = { readonly kind: 'anonymous' } | { readonly kind: 'rider' | 'driver'; readonly id: string };

/** What is true about an asker, read through the gateway separately from the walk (or known from the test's setup). */
export interface AskerFacts {
  /** A rider's own trip ids (`me { trips(first: 200) { id } }`). */
  readonly ownTrips: ReadonlySet<string>;
  /** A driver's active trips (they accepted them). */
  readonly drivingTrips: ReadonlySet<string>;
  /** A rider's drivers on active trips (whose precise position they may see). */
  readonly activeDrivers: ReadonlySet<string>;
}

/** One piece of someone else's personal data an answer carried. */
export interface Leak {
  readonly path: string;
  readonly what: string;
}

/** What one answer showed: leaks, and what the asker legitimately saw (so a test can tell a check that saw nothing from one that passed). */
export interface OracleReport {
  readonly leaks: Leak[];
  /** Personal fields answered with data, by `Type.field`. */
  readonly shown: Map<string, number>;
  /** Objects inspected, by type. */
  readonly objects: Map<string, number>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/**
 * Reads a GraphQL answer (every object carrying `__typename`) and reports each piece of personal
 * data (APPS.md, "Who may see what") the asker may not see: a trip's pickup, drop-off, fare or fare
 * estimate that is not theirs (drivers: the trip they drive, or one this answer offered them under
 * `rideOffers`), a rider's trip lists, a driver's earnings or precise position; a nearby driver's
 * position finer than ~100 m; a public profile with more than a name. Decided from facts read
 * apart from the answer, never from what the answer claims about ownership.
 */
export class PrivacyOracle {
  readonly #asker: Asker;
  readonly #facts: AskerFacts;

  constructor(asker: Asker, facts: AskerFacts) {
    this.#asker = asker;
    this.#facts = facts;
  }

  /** Checks one answer's `data`. */
  inspect(data: unknown, report: OracleReport = { leaks: [], shown: new Map(), objects: new Map() }): OracleReport {
    const offered = new Set<string>();
    const rideOffers = isObject(data) ? data.rideOffers : undefined;
    if (Array.isArray(rideOffers)) for (const trip of rideOffers) if (isObject(trip) && typeof trip.id === 'string') offered.add(trip.id);
    this.#walk(data as Json, '', offered, report);
    return report;
  }

  #walk(value: Json, path: string, offered: ReadonlySet<string>, report: OracleReport): void {
    if (Array.isArray(value)) {
      value.forEach((item, index) => this.#walk(item, `${path}[${index}]`, offered, report));
      return;
    }
    if (!isObject(value)) return;
    const type = value.__typename;
    if (typeof type === 'string') {
      report.objects.set(type, (report.objects.get(type) ?? 0) + 1);
      this.#check(type, value, path, offered, report);
    }
    for (const [key, child] of Object.entries(value)) this.#walk(child, path ? `${path}.${key}` : key, offered, report);
  }

  #check(type: string, object: JsonObject, path: string, offered: ReadonlySet<string>, report: OracleReport): void {
    const asker = this.#asker;
    const facts = this.#facts;
    const id = typeof object.id === 'string' ? object.id : undefined;
    const verdict = (field: string, allowed: boolean) => {
      if (object[field] === undefined || object[field] === null) return;
      const coordinate = `${type}.${field}`;
      if (allowed) report.shown.set(coordinate, (report.shown.get(coordinate) ?? 0) + 1);
      else report.leaks.push({ path: `${path}.${field}`, what: `${coordinate} of ${id ?? '(no id)'} shown to ${describe(asker)}` });
    };
    switch (type) {
      case 'Trip': {
        const own = asker.kind === 'rider' && id !== undefined && facts.ownTrips.has(id);
        const driving = asker.kind === 'driver' && id !== undefined && facts.drivingTrips.has(id);
        const isOffered = asker.kind === 'driver' && id !== undefined && offered.has(id);
        verdict('pickup', own || driving || isOffered);
        verdict('dropoff', own || driving);
        verdict('fare', own);
        verdict('fareEstimate', own || isOffered);
        break;
      }
      case 'Rider': {
        const self = asker.kind === 'rider' && asker.id === id;
        verdict('trips', self);
        verdict('recentTrips', self);
        break;
      }
      case 'Driver': {
        const self = asker.kind === 'driver' && asker.id === id;
        verdict('earnings', self);
        verdict('location', self || (asker.kind === 'rider' && id !== undefined && facts.activeDrivers.has(id)));
        break;
      }
      case 'NearbyDriver': {
        const location = object.location;
        const coarse = (n: Json | undefined) => typeof n === 'number' && Math.abs(n * 1000 - Math.round(n * 1000)) < 1e-6;
        if (isObject(location) && !(coarse(location.lat) && coarse(location.lng))) {
          report.leaks.push({ path: `${path}.location`, what: `a nearby driver's position finer than 3 decimals: ${JSON.stringify(location)}` });
        }
        if (typeof object.distanceMeters === 'number' && object.distanceMeters % 100 !== 0) {
          report.leaks.push({ path: `${path}.distanceMeters`, what: `an exact distance to a nearby driver: ${object.distanceMeters}` });
        }
        if (typeof object.etaSeconds === 'number' && object.etaSeconds % 15 !== 0) {
          report.leaks.push({ path: `${path}.etaSeconds`, what: `an exact ETA of a nearby driver: ${object.etaSeconds}` });
        }
        break;
      }
      case 'PublicProfile': {
        const extra = Object.keys(object).filter((key) => key !== '__typename' && key !== 'name');
        if (extra.length > 0) report.leaks.push({ path, what: `a public profile with more than a name: ${extra.join(', ')}` });
        break;
      }
    }
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(asker: Asker): string {
  return asker.kind === 'anonymous' ? 'an anonymous visitor' : `${asker.kind} ${asker.id}`;
}
