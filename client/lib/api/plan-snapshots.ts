import { requestApi, type ApiResult } from './request.ts';

/** A snapshot as the server lists it (`GET /api/docs/<doc>/snapshots`). */
export interface SnapshotSummary {
  id: number;
  kind: 'auto' | 'unload' | 'manual' | 'before-restore';
  label: string;
  createdAt: number;
}

const snapshotsPath = (docName: string): string => `/api/docs/${encodeURIComponent(docName)}/snapshots`;

export function listSnapshots(token: string | null, docName: string): Promise<ApiResult<{ snapshots: SnapshotSummary[] }>> {
  return requestApi(snapshotsPath(docName), token);
}

export function saveVersion(token: string | null, docName: string, label: string): Promise<ApiResult<{ snapshot: SnapshotSummary }>> {
  return requestApi(snapshotsPath(docName), token, { method: 'POST', body: { label } });
}

export function restoreSnapshot(
  token: string | null,
  docName: string,
  id: number,
): Promise<ApiResult<{ restored: SnapshotSummary; safety: SnapshotSummary }>> {
  return requestApi(`${snapshotsPath(docName)}/${id}/restore`, token, { method: 'POST' });
}

/** A snapshot's whole Yjs state, to show it read-only; null when it could not be fetched. */
export async function fetchSnapshotState(token: string | null, docName: string, id: number): Promise<Uint8Array | null> {
  try {
    const response = await fetch(`${snapshotsPath(docName)}/${id}?format=yjs`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      cache: 'no-store',
    });
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}
