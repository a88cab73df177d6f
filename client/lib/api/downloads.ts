import { requestApi, type ApiResult } from './request.ts';

/**
 * A download's address with a short-lived download token in it, asked for with the person's token in the
 * Authorization header: a link that starts a download cannot send a header, and the person's own token
 * must not end up in the address (history, logs, "copy link"). `url` is the file's API path with its query;
 * for the route's photos (`/api/routes/<r>/photos/`) the answer's `token` is the photo pass.
 */
export function downloadUrl(token: string | null, routeId: string, url: string): Promise<ApiResult<{ url: string; expiresAt: number; token?: string }>> {
  return requestApi(`/api/routes/${encodeURIComponent(routeId)}/downloads`, token, { method: 'POST', body: { url } });
}
