import type { ApiResult } from '../../lib/api/request.ts';
import { tokenFor } from '../../lib/connection/token.ts';

export interface StoredPhoto {
  id: string;
  width: number;
  height: number;
}

/**
 * Sends one picture (from the camera, the gallery, a file or a paste) to the route's photo store. The
 * body is the file itself, with the type the browser gives it; the server checks both.
 */
export async function uploadPhoto(routeId: string, file: Blob): Promise<ApiResult<{ photo: StoredPhoto }>> {
  const token = tokenFor(routeId);
  let response: Response;
  try {
    response = await fetch(`/api/routes/${encodeURIComponent(routeId)}/photos`, {
      method: 'POST',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': file.type || 'application/octet-stream' },
      body: file,
    });
  } catch {
    return { ok: false, status: 0, error: 'network', message: '' };
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.ok && body && typeof body.photo === 'object') return { ok: true, data: body as unknown as { photo: StoredPhoto } };
  return {
    ok: false,
    status: response.status,
    error: typeof body?.error === 'string' ? body.error : 'unknown',
    message: typeof body?.message === 'string' ? body.message : '',
  };
}
