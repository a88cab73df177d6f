import { getLocale } from './locale.svelte.ts';
import { laoDate, laoDateRange } from './lao-dates.ts';

function utcDate(iso: string): Date | null {
  const time = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(time) ? new Date(time) : null;
}

/**
 * Some browsers (Debian's Chromium among them) ship no Lao calendar data and would print English dates
 * on a Lao page; those get the names from `lao-dates.ts` instead.
 */
function hasIntlData(): boolean {
  return getLocale() !== 'lo' || Intl.DateTimeFormat.supportedLocalesOf('lo').length > 0;
}

/**
 * Route dates (`YYYY-MM-DD`, calendar days with no time zone) in the current language, e.g. "May 6 – 10,
 * 2013", "6 – 10 thg 5, 2013"; '' when neither is set. Formatted in UTC so no time zone shifts a day.
 */
export function formatDateRange(startDate: string, endDate: string): string {
  const start = utcDate(startDate);
  const end = utcDate(endDate);
  if (!hasIntlData()) return start && end ? laoDateRange(start, end) : start || end ? laoDate(start ?? end!, { year: true }) : '';
  const format = new Intl.DateTimeFormat(getLocale(), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  if (start && end) return format.formatRange(start, end);
  const single = start ?? end;
  return single ? format.format(single) : '';
}

/** A day of a route: "Mon, May 6" in the current language; '' for an undated day. */
export function formatDay(date: string): string {
  const day = utcDate(date);
  if (!day) return '';
  if (!hasIntlData()) return laoDate(day, { weekday: true });
  return new Intl.DateTimeFormat(getLocale(), { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(day);
}

/** A time of day on this laptop's clock, "14:05": when someone joined, told apart from a namesake. */
export function formatClockTime(time: number): string {
  return new Intl.DateTimeFormat(hasIntlData() ? getLocale() : 'en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(time);
}
