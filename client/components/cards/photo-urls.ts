import { photoPasses } from '../../lib/connection/photo-pass.svelte.ts';

/**
 * Addresses of a route's photos, or null until the route's photo pass has arrived. An <img> cannot send an
 * Authorization header, so a token goes in the query; the photo pass rather than the person's own token
 * (photo-pass.svelte.ts). The server answers with long cache lifetimes: a photo never changes.
 */
function photoUrl(routeId: string, photoId: string, size: 'thumb' | 'full'): string | null {
  const token = photoPasses.query(routeId);
  if (token === null) return null;
  const query = new URLSearchParams({ size, ...(token ? { token } : {}) });
  return `/api/routes/${encodeURIComponent(routeId)}/photos/${encodeURIComponent(photoId)}?${query}`;
}

export const thumbnailUrl = (routeId: string, photoId: string): string | null => photoUrl(routeId, photoId, 'thumb');
export const fullPhotoUrl = (routeId: string, photoId: string): string | null => photoUrl(routeId, photoId, 'full');
