export type ApiResult<T> =
  | { ok: true; data: T }
  /** `status` 0: the server could not be reached (offline, or it is down). */
  | { ok: false; status: number; error: string; message: string };

/**
 * A JSON call to this server's API with a bearer token. Never throws: pages show a message for each
 * outcome, so failures come back as values, with the server's `{ error, message }` when it sent one.
 */
export async function requestApi<T>(path: string, token: string | null, init: { method?: string; body?: unknown } = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : null,
      cache: 'no-store',
    });
  } catch {
    return { ok: false, status: 0, error: 'network', message: '' };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, data: body as T };
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return {
    ok: false,
    status: response.status,
    error: typeof fields.error === 'string' ? fields.error : 'unknown',
    message: typeof fields.message === 'string' ? fields.message : '',
  };
}
