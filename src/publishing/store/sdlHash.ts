import { createHash } from 'node:crypto';

/** The hash a {@link SubgraphVersion} records for its SDL: sha256 of the UTF-8 text, hex. */
export function sdlHash(sdl: string): string {
  return createHash('sha256').update(sdl, 'utf8').digest('hex');
}
