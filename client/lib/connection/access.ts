export type AccessAnswer =
  | { kind: 'granted'; level: 'read' | 'write' }
  | { kind: 'refused'; error: string; message: string }
  /** Network failure or a server error: says nothing about the token, so the provider keeps retrying. */
  | { kind: 'unknown' };

/**
 * A browser cannot read why a WebSocket upgrade was refused, so after a failed attempt the client asks
 * the server in plain HTTP whether this token may open this document, and why not.
 */
export async function fetchAccess(docName: string, token: string | null): Promise<AccessAnswer> {
  let response: Response;
  try {
    response = await fetch(`/api/docs/${encodeURIComponent(docName)}/access`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      cache: 'no-store',
    });
  } catch {
    return { kind: 'unknown' };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok && isRecord(body) && (body.access === 'read' || body.access === 'write')) {
    return { kind: 'granted', level: body.access };
  }
  // 400 is included: an invalid document name will not become valid by retrying either.
  if ((response.status === 400 || response.status === 401 || response.status === 403) && isRecord(body)) {
    return {
      kind: 'refused',
      error: typeof body.error === 'string' ? body.error : 'unknown',
      message: typeof body.message === 'string' ? body.message : '',
    };
  }
  return { kind: 'unknown' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
