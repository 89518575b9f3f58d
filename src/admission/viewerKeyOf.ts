/** Whom a rate limit counts: a signed-in user (the token's subject), or an anonymous caller's IP address. */
export type ViewerKey = { readonly kind: 'user'; readonly id: string } | { readonly kind: 'address'; readonly address: string };

/**
 * The rate-limit key of a request: the viewer's id when the token named one, else the peer's IP
 * address (`req.socket.remoteAddress`; a proxy in front would need its forwarded address instead).
 */
export function viewerKeyOf(viewer: { readonly id: string } | null | undefined, remoteAddress: string | undefined): ViewerKey {
  return viewer ? { kind: 'user', id: viewer.id } : { kind: 'address', address: remoteAddress ?? 'unknown' };
}
