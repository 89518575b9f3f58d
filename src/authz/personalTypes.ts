import type { SdlIndex } from './SdlIndex.ts';

/**
 * The types that hold people's data (APPS.md, "Who may see what"): riders, drivers, trips, a
 * nearby driver (a driver's position seen by a passenger) and a review author's public profile.
 * With {@link personalTypesOf}, every value type they reach is personal too.
 */
export const personalTypeNames: ReadonlySet<string> = new Set(['Rider', 'Driver', 'Trip', 'NearbyDriver', 'PublicProfile']);

/**
 * The personal types of one subgraph: those of {@link personalTypeNames} it declares, plus every
 * value type (an object type without `@key`: `LatLng`, `Money`, `Vehicle`, `Review`, ...) reachable
 * from their fields, transitively. Entities outside the list (`Product`) stop the walk: they are
 * governed by their own fields. So a new `Trip.payment: Payment` makes `Payment` personal at once.
 */
export function personalTypesOf(index: SdlIndex): Set<string> {
  const personal = new Set([...personalTypeNames].filter((name) => index.types.has(name)));
  const pending = [...personal];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    for (const field of index.types.get(name)?.fields.values() ?? []) {
      const target = field.typeName;
      if (personal.has(target) || !index.types.has(target) || index.isEntity(target)) continue;
      personal.add(target);
      pending.push(target);
    }
  }
  return personal;
}
