import type { Day, ScheduleItem } from '../../../shared/schema/route.ts';

export interface NowAndNext {
  now: ScheduleItem | null;
  next: ScheduleItem | null;
}

/** `YYYY-MM-DD` of `time` in this browser's time zone (the venue's). */
export const localDate = (time: number): string => localParts(time).date;

/** `YYYY-MM-DD` and minutes since midnight of `time`, in this browser's time zone (the venue's). */
function localParts(time: number): { date: string; minutes: number } {
  const at = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`, minutes: at.getHours() * 60 + at.getMinutes() };
}

function minutesOf(hhmm: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/**
 * The session on now and the one after it, from the setup's dated days and timed schedule items, at
 * `time` (the server's clock, so every screen agrees). Now is the latest item of today that has begun;
 * next is the first one after it, today or on a later day. Undated days and untimed items are skipped:
 * they cannot be placed in time.
 */
export function nowAndNext(days: Day[], schedule: ScheduleItem[], time: number): NowAndNext {
  const dateOf = new Map(days.filter((day) => day.date !== '').map((day) => [day.id, day.date]));
  const timed = schedule
    .flatMap((item) => {
      const date = dateOf.get(item.dayId);
      const minutes = minutesOf(item.time);
      return date === undefined || minutes === null ? [] : [{ item, key: `${date} ${String(minutes).padStart(4, '0')}`, date }];
    })
    .sort((a, b) => a.key.localeCompare(b.key));
  const here = localParts(time);
  const hereKey = `${here.date} ${String(here.minutes).padStart(4, '0')}`;
  const startedIndex = timed.findLastIndex((entry) => entry.key <= hereKey);
  const started = startedIndex >= 0 ? timed[startedIndex]! : null;
  const now = started !== null && started.date === here.date ? started.item : null;
  const next = timed[startedIndex + 1]?.item ?? null;
  return { now, next };
}
