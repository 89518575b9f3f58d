import { viewerRole, type Viewer } from '../auth/index.ts';
import { activeTripStatuses } from './activeTripStatuses.ts';
import type { ViewerRelations } from './ViewerRelations.ts';

/** The parent's fields a rule declared it reads, as the subgraph resolved them (nested objects as plain objects). */
export type ParentFields = Readonly<Record<string, unknown>>;

/** What an owner rule decides from. */
export interface OwnerRuleInput {
  /** The parent type the guarded field belongs to, e.g. `Trip`. */
  readonly typeName: string;
  readonly parent: ParentFields;
  /** Always signed in: an anonymous caller never reaches a rule (`UNAUTHENTICATED` before). */
  readonly viewer: Viewer;
  readonly relations: ViewerRelations;
}

/** One way a viewer may own (or be entitled to) a field of someone's data. */
export interface OwnerRule {
  /** Who it lets through, for docs and errors. */
  readonly description: string;
  /** The parent types it may guard. */
  readonly types: readonly string[];
  /**
   * The parent's fields it reads, as a GraphQL field set. In the subgraph where the guarded field
   * resolves, each must be a key field of the type, in the field's `@requires`, or resolved by
   * that subgraph: composition checks it (`checkAuthz`).
   */
  readonly reads: string;
  readonly allows: (input: OwnerRuleInput) => boolean | Promise<boolean>;
}

/**
 * Every owner rule, by the name `@owner(rules: [...])` uses (the SDL's `OwnerRule` enum). A field
 * guarded by several rules is visible when any of them allows.
 */
export const ownerRules = {
  SELF: {
    description: 'the person themselves: the rider for a Rider, the driver for a Driver',
    types: ['Rider', 'Driver'],
    reads: 'id',
    allows: ({ typeName, parent, viewer }) => viewerRole(viewer) === roleOf(typeName) && parent.id === viewer.id,
  },
  TRIP_RIDER: {
    description: "the trip's rider",
    types: ['Trip'],
    reads: 'rider { id }',
    allows: ({ parent, viewer }) => viewerRole(viewer) === 'rider' && field(parent.rider, 'id') === viewer.id,
  },
  TRIP_DRIVER: {
    description: "the trip's driver while the trip is active (ACCEPTED, ARRIVING, IN_PROGRESS)",
    types: ['Trip'],
    reads: 'status driver { id }',
    allows: ({ parent, viewer }) =>
      viewerRole(viewer) === 'driver' && activeTripStatuses.has(String(parent.status)) && field(parent.driver, 'id') === viewer.id,
  },
  TRIP_OFFERED_DRIVER: {
    description: 'a driver this request offered the waiting trip to (rideOffers)',
    types: ['Trip'],
    reads: 'id',
    allows: ({ parent, viewer, relations }) => viewerRole(viewer) === 'driver' && typeof parent.id === 'string' && relations.isOffered(parent.id),
  },
  ACTIVE_TRIP_RIDER: {
    description: 'a rider with an active trip with this driver (read from their newest trips)',
    types: ['Driver'],
    reads: 'id',
    allows: ({ parent, viewer, relations }) => viewerRole(viewer) === 'rider' && typeof parent.id === 'string' && relations.ridesWith(parent.id),
  },
} as const satisfies Record<string, OwnerRule>;

/** The name of one of {@link ownerRules}. */
export type OwnerRuleName = keyof typeof ownerRules;

/** Type guard: `name` is one of {@link ownerRules}. */
export function isOwnerRuleName(name: string): name is OwnerRuleName {
  return Object.hasOwn(ownerRules, name);
}

/** The viewer role a person type belongs to (SELF compares ids within one role only). */
function roleOf(typeName: string): 'rider' | 'driver' | undefined {
  return typeName === 'Rider' ? 'rider' : typeName === 'Driver' ? 'driver' : undefined;
}

/** `value.name` when `value` is an object, else `undefined`. */
function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
