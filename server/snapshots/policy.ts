import type { SnapshotMeta } from '../persistence/storage.ts';

/**
 * When to take automatic snapshots and which snapshots to keep. Pure: the time is an argument.
 *
 * Retention, per document:
 * - manual snapshots (taken on request, with a label) and before-restore safety snapshots: the newest
 *   `keepManual` of them;
 * - automatic snapshots (interval and unload): the newest `keepRecentAuto`, then one per UTC day (the
 *   newest of that day) for `keepDailyDays` days; older automatic snapshots are deleted.
 */
export interface SnapshotPolicy {
  intervalMs: number;
  keepManual: number;
  keepRecentAuto: number;
  keepDailyDays: number;
}

export const defaultSnapshotPolicy: SnapshotPolicy = {
  intervalMs: 10 * 60_000,
  keepManual: 100,
  keepRecentAuto: 24,
  keepDailyDays: 30,
};

const dayMs = 86_400_000;

export function isIntervalSnapshotDue(
  room: { changedSinceSnapshot: boolean; lastSnapshotAt: number },
  now: number,
  policy: SnapshotPolicy,
): boolean {
  return room.changedSinceSnapshot && now - room.lastSnapshotAt >= policy.intervalMs;
}

export function selectExpiredSnapshots(snapshots: SnapshotMeta[], now: number, policy: SnapshotPolicy): number[] {
  const newestFirst = [...snapshots].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  const manual = newestFirst.filter((s) => s.kind === 'manual' || s.kind === 'before-restore');
  const automatic = newestFirst.filter((s) => s.kind === 'auto' || s.kind === 'unload');
  const expired = manual.slice(policy.keepManual).map((s) => s.id);
  const daysKept = new Set<number>();
  automatic.forEach((snapshot, index) => {
    if (index < policy.keepRecentAuto) return;
    const day = Math.floor(snapshot.createdAt / dayMs);
    const isRecentDay = now - snapshot.createdAt < policy.keepDailyDays * dayMs;
    if (isRecentDay && !daysKept.has(day)) daysKept.add(day);
    else expired.push(snapshot.id);
  });
  return expired;
}
