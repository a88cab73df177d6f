import { tokenFor } from '../../lib/connection/token.ts';

/**
 * Addresses of a route's photos. An <img> cannot send an Authorization header, so the token goes in the
 * query, as on the WebSocket; the server answers with long cache lifetimes, a photo never changes.
 */
function photoUrl(routeId: string, photoId: string, size: 'thumb' | 'full'): string {
  const token = tokenFor(routeId);
  const query = new URLSearchParams({ size, ...(token ? { token } : {}) });
  return `/api/routes/${encodeURIComponent(routeId)}/photos/${encodeURIComponent(photoId)}?${query}`;
}

export const thumbnailUrl = (routeId: string, photoId: string): string => photoUrl(routeId, photoId, 'thumb');
export const fullPhotoUrl = (routeId: string, photoId: string): string => photoUrl(routeId, photoId, 'full');
