import { describe, expect, it } from 'vitest';
import type { SnapshotKind, SnapshotMeta } from '../../../../server/persistence/storage.ts';
import {
  defaultSnapshotPolicy,
  isIntervalSnapshotDue,
  selectExpiredSnapshots,
  type SnapshotPolicy,
} from '../../../../server/snapshots/policy.ts';
import { seededRandom } from '../../../helpers/seeded-random.ts';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const now = Date.UTC(2026, 10, 23, 12, 0, 0);
const startOfToday = Date.UTC(2026, 10, 23);

function snapshot(id: number, createdAt: number, kind: SnapshotKind): SnapshotMeta {
  return { id, docName: 'route/ab/river', createdAt, kind, label: kind === 'manual' ? `label ${id}` : '', byteLength: 100 };
}

const sorted = (ids: number[]): number[] => [...ids].sort((a, b) => a - b);

describe('isIntervalSnapshotDue', () => {
  const policy: SnapshotPolicy = { ...defaultSnapshotPolicy, intervalMs: 10 * minute };

  it('is due once the interval has passed since the last snapshot and something changed', () => {
    expect(isIntervalSnapshotDue({ changedSinceSnapshot: true, lastSnapshotAt: now - 10 * minute }, now, policy)).toBe(true);
    expect(isIntervalSnapshotDue({ changedSinceSnapshot: true, lastSnapshotAt: now - 3 * day }, now, policy)).toBe(true);
  });

  it('is not due a millisecond before the interval', () => {
    expect(isIntervalSnapshotDue({ changedSinceSnapshot: true, lastSnapshotAt: now - 10 * minute + 1 }, now, policy)).toBe(false);
  });

  it('is never due for a document that did not change, however old its last snapshot', () => {
    expect(isIntervalSnapshotDue({ changedSinceSnapshot: false, lastSnapshotAt: now - 10 * minute }, now, policy)).toBe(false);
    expect(isIntervalSnapshotDue({ changedSinceSnapshot: false, lastSnapshotAt: 0 }, now, policy)).toBe(false);
  });

  it('is not due when the last snapshot is in the future (clock stepped back)', () => {
    expect(isIntervalSnapshotDue({ changedSinceSnapshot: true, lastSnapshotAt: now + hour }, now, policy)).toBe(false);
  });

  it('follows the policy interval', () => {
    const room = { changedSinceSnapshot: true, lastSnapshotAt: now - 2 * minute };
    expect(isIntervalSnapshotDue(room, now, { ...policy, intervalMs: minute })).toBe(true);
    expect(isIntervalSnapshotDue(room, now, { ...policy, intervalMs: 5 * minute })).toBe(false);
  });
});

describe('selectExpiredSnapshots: manual retention', () => {
  const policy: SnapshotPolicy = { intervalMs: 10 * minute, keepManual: 3, keepRecentAuto: 100, keepDailyDays: 30 };

  it('expires nothing when there is nothing', () => {
    expect(selectExpiredSnapshots([], now, policy)).toEqual([]);
  });

  it('keeps the newest keepManual manual snapshots, whatever their age', () => {
    const snapshots = [1, 2, 3, 4, 5].map((id) => snapshot(id, now - (6 - id) * 400 * day, 'manual'));
    expect(sorted(selectExpiredSnapshots(snapshots, now, policy))).toEqual([1, 2]);
  });

  it('counts before-restore safety snapshots against the same cap', () => {
    const snapshots = [
      snapshot(1, now - 5 * hour, 'manual'),
      snapshot(2, now - 4 * hour, 'before-restore'),
      snapshot(3, now - 3 * hour, 'manual'),
      snapshot(4, now - 2 * hour, 'before-restore'),
      snapshot(5, now - 1 * hour, 'manual'),
    ];
    expect(sorted(selectExpiredSnapshots(snapshots, now, policy))).toEqual([1, 2]);
  });

  it('ranks by creation time, not by id, and breaks ties by id', () => {
    const snapshots = [
      snapshot(10, now - 1 * hour, 'manual'),
      snapshot(11, now - 9 * hour, 'manual'),
      snapshot(12, now - 5 * hour, 'manual'),
      snapshot(13, now - 5 * hour, 'manual'),
    ];
    expect(sorted(selectExpiredSnapshots(snapshots, now, policy))).toEqual([11]);
    expect(sorted(selectExpiredSnapshots(snapshots, now, { ...policy, keepManual: 2 }))).toEqual([11, 12]);
  });

  it('does not let automatic snapshots take manual places, nor the reverse', () => {
    const snapshots = [
      snapshot(1, now - 10 * minute, 'auto'),
      snapshot(2, now - 20 * minute, 'unload'),
      snapshot(3, now - 30 * day, 'manual'),
      snapshot(4, now - 31 * day, 'manual'),
      snapshot(5, now - 32 * day, 'manual'),
    ];
    expect(selectExpiredSnapshots(snapshots, now, { ...policy, keepRecentAuto: 2 })).toEqual([]);
  });

  it('expires every manual snapshot when keepManual is 0', () => {
    const snapshots = [snapshot(1, now - hour, 'manual'), snapshot(2, now, 'before-restore')];
    expect(sorted(selectExpiredSnapshots(snapshots, now, { ...policy, keepManual: 0 }))).toEqual([1, 2]);
  });
});

describe('selectExpiredSnapshots: automatic retention', () => {
  const policy: SnapshotPolicy = { intervalMs: 10 * minute, keepManual: 100, keepRecentAuto: 3, keepDailyDays: 5 };

  it('keeps the newest keepRecentAuto automatic snapshots, even older than keepDailyDays', () => {
    const snapshots = [
      snapshot(1, now - 100 * day, 'auto'),
      snapshot(2, now - 100 * day + minute, 'unload'),
      snapshot(3, now - 100 * day + 2 * minute, 'auto'),
    ];
    expect(selectExpiredSnapshots(snapshots, now, policy)).toEqual([]);
  });

  it('then keeps the newest of each UTC day within keepDailyDays and expires the rest', () => {
    const snapshots = [
      // The three most recent: kept whatever else happens.
      snapshot(1, startOfToday + 11 * hour + 50 * minute, 'auto'),
      snapshot(2, startOfToday + 11 * hour, 'unload'),
      snapshot(3, startOfToday + 10 * hour, 'auto'),
      // Yesterday: the newest (23:00) stays.
      snapshot(4, startOfToday - 1 * hour, 'auto'),
      snapshot(5, startOfToday - 12 * hour, 'auto'),
      snapshot(6, startOfToday - 23 * hour, 'unload'),
      // Two days ago: alone on its day, stays.
      snapshot(7, startOfToday - day - 6 * hour, 'unload'),
      // Four days ago: the newest stays.
      snapshot(8, startOfToday - 3 * day - 2 * hour, 'auto'),
      snapshot(9, startOfToday - 3 * day - 20 * hour, 'auto'),
      // Six and nine days ago: past keepDailyDays.
      snapshot(10, startOfToday - 5 * day - hour, 'auto'),
      snapshot(11, startOfToday - 8 * day - hour, 'auto'),
    ];
    expect(sorted(selectExpiredSnapshots(snapshots, now, policy))).toEqual([5, 6, 9, 10, 11]);
  });

  it('splits days at UTC midnight', () => {
    const snapshots = [
      snapshot(1, now, 'auto'),
      snapshot(2, now, 'auto'),
      snapshot(3, now, 'auto'),
      snapshot(4, startOfToday - day, 'auto'), // 00:00:00.000 yesterday
      snapshot(5, startOfToday - 1, 'auto'), // 23:59:59.999 yesterday
      snapshot(6, startOfToday - day - 1, 'auto'), // 23:59:59.999 the day before
    ];
    expect(sorted(selectExpiredSnapshots(snapshots, now, policy))).toEqual([4]);
  });

  it('measures keepDailyDays back from now: exactly that old is expired, a millisecond younger is kept', () => {
    const recent = [1, 2, 3].map((id) => snapshot(id, now - id, 'auto'));
    expect(selectExpiredSnapshots([...recent, snapshot(4, now - 5 * day, 'auto')], now, policy)).toEqual([4]);
    expect(selectExpiredSnapshots([...recent, snapshot(4, now - 5 * day + 1, 'auto')], now, policy)).toEqual([]);
  });

  it('expires all but the recent ones when keepDailyDays is 0', () => {
    const snapshots = [1, 2, 3, 4, 5].map((id) => snapshot(id, now - id * hour, 'auto'));
    expect(sorted(selectExpiredSnapshots(snapshots, now, { ...policy, keepDailyDays: 0 }))).toEqual([4, 5]);
  });

  it('keeps only daily snapshots when keepRecentAuto is 0', () => {
    const snapshots = [
      snapshot(1, startOfToday + 11 * hour, 'auto'),
      snapshot(2, startOfToday + 10 * hour, 'auto'),
      snapshot(3, startOfToday - hour, 'auto'),
      snapshot(4, startOfToday - 2 * hour, 'auto'),
    ];
    expect(sorted(selectExpiredSnapshots(snapshots, now, { ...policy, keepRecentAuto: 0 }))).toEqual([2, 4]);
  });
});

describe('selectExpiredSnapshots: properties over seeded random histories', () => {
  const policy: SnapshotPolicy = { intervalMs: 10 * minute, keepManual: 4, keepRecentAuto: 6, keepDailyDays: 7 };
  const kinds: SnapshotKind[] = ['auto', 'auto', 'unload', 'manual', 'before-restore'];

  it.each([7, 42, 1234, 0xbadc0de])('seed %i', (seed) => {
    const random = seededRandom(seed);
    for (let round = 0; round < 50; round++) {
      const snapshots = Array.from({ length: random.int(60) }, (_, i) =>
        snapshot(i + 1, now - random.int(12 * day), random.pick(kinds)),
      );
      const frozen = structuredClone(snapshots);
      const expired = selectExpiredSnapshots(snapshots, now, policy);
      expect(snapshots).toEqual(frozen);

      const expiredSet = new Set(expired);
      expect(expiredSet.size).toBe(expired.length);
      const kept = snapshots.filter((s) => !expiredSet.has(s.id));
      for (const id of expired) expect(snapshots.some((s) => s.id === id)).toBe(true);

      const newestFirst = (list: SnapshotMeta[]): SnapshotMeta[] =>
        [...list].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
      const manual = newestFirst(snapshots.filter((s) => s.kind === 'manual' || s.kind === 'before-restore'));
      const keptManual = kept.filter((s) => s.kind === 'manual' || s.kind === 'before-restore');
      expect(sorted(keptManual.map((s) => s.id))).toEqual(sorted(manual.slice(0, policy.keepManual).map((s) => s.id)));

      const automatic = newestFirst(snapshots.filter((s) => s.kind === 'auto' || s.kind === 'unload'));
      const recent = automatic.slice(0, policy.keepRecentAuto);
      const older = automatic.slice(policy.keepRecentAuto);
      for (const s of recent) expect(expiredSet.has(s.id)).toBe(false);
      const inWindow = older.filter((s) => now - s.createdAt < policy.keepDailyDays * day);
      const days = new Set(inWindow.map((s) => Math.floor(s.createdAt / day)));
      const keptOlder = older.filter((s) => !expiredSet.has(s.id));
      // Exactly one per day with older snapshots in the window, and it is that day's newest.
      expect(keptOlder).toHaveLength(days.size);
      for (const s of keptOlder) {
        expect(inWindow).toContain(s);
        const sameDay = inWindow.filter((o) => Math.floor(o.createdAt / day) === Math.floor(s.createdAt / day));
        expect(newestFirst(sameDay)[0]).toBe(s);
      }

      // Selection does not depend on the order the storage listed them in.
      const shuffled = [...snapshots].sort(() => random.next() - 0.5);
      expect(sorted(selectExpiredSnapshots(shuffled, now, policy))).toEqual(sorted(expired));
    }
  });
});

describe('defaultSnapshotPolicy', () => {
  it('over 40 days of ten-minute snapshots keeps 24 recent plus one a day for 30 days', () => {
    const snapshots: SnapshotMeta[] = [];
    for (let t = now - 40 * day, id = 1; t <= now; t += defaultSnapshotPolicy.intervalMs, id++) {
      snapshots.push(snapshot(id, t, 'auto'));
    }
    const expired = new Set(selectExpiredSnapshots(snapshots, now, defaultSnapshotPolicy));
    const kept = snapshots.filter((s) => !expired.has(s.id));
    const recent = snapshots.slice(-24);
    expect(kept.slice(-24)).toEqual(recent);
    const daily = kept.slice(0, -24);
    // The 30 × 24 h window ending at noon touches 31 UTC dates, today's included (through its snapshots older
    // than the 24 recent ones).
    expect(new Set(daily.map((s) => Math.floor(s.createdAt / day))).size).toBe(daily.length);
    expect(daily.every((s) => now - s.createdAt < 30 * day)).toBe(true);
    expect(daily.length).toBe(31);
  });
});
