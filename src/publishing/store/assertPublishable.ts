import type { SubgraphVersion } from '../types.ts';
import { sdlHash } from './sdlHash.ts';
import { SUBGRAPH_NAME_PATTERN } from './subgraphName.ts';

/**
 * Checks what a caller of `publish` must guarantee (the admin API validates user input before):
 * a valid subgraph name, a whole `expectedVersion` >= 0, the SDL's real hash, a `rollbackOf` that
 * names an earlier version. Throws a `TypeError` or `RangeError` naming the field: a bug, not a 4xx.
 */
export function assertPublishable(next: Omit<SubgraphVersion, 'version'>, expectedVersion: number): void {
  if (!SUBGRAPH_NAME_PATTERN.test(next.subgraph)) {
    throw new TypeError(`publish: subgraph must match ${String(SUBGRAPH_NAME_PATTERN)}, got ${JSON.stringify(next.subgraph)}.`);
  }
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
    throw new RangeError(`publish: expectedVersion must be a whole number >= 0, got ${String(expectedVersion)}.`);
  }
  if (sdlHash(next.sdl) !== next.sdlHash) throw new TypeError(`publish: sdlHash of ${next.subgraph} is not the sha256 of its SDL.`);
  if (next.rollbackOf !== undefined && (!Number.isSafeInteger(next.rollbackOf) || next.rollbackOf < 1 || next.rollbackOf > expectedVersion)) {
    throw new RangeError(`publish: rollbackOf must name an existing version (1..${expectedVersion}), got ${String(next.rollbackOf)}.`);
  }
}
