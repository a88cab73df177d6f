/** A snapshot as the server lists it (`GET /api/docs/<doc>/snapshots`). */
export interface SnapshotSummary {
  id: number;
  kind: 'auto' | 'unload' | 'manual' | 'before-restore';
  label: string;
  createdAt: number;
}
