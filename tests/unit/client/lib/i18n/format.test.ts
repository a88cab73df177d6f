import { afterEach, expect, test } from 'vitest';
import { formatDateRange, formatDay } from '../../../../../client/lib/i18n/format.ts';
import { laoDate, laoDateRange } from '../../../../../client/lib/i18n/lao-dates.ts';
import { setLocale } from '../../../../../client/lib/i18n/locale.svelte.ts';

afterEach(() => setLocale('en'));

const utc = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
/** ICU puts thin and narrow no-break spaces around range dashes. */
const plain = (text: string): string => text.replace(/\s/g, ' ');

test('route dates read as calendar days, whatever the time zone', () => {
  expect(plain(formatDateRange('2013-05-06', '2013-05-10'))).toBe('May 6 – 10, 2013');
  expect(formatDateRange('2013-05-06', '')).toBe('May 6, 2013');
  expect(formatDateRange('', '')).toBe('');
  expect(formatDay('2013-05-06')).toBe('Mon, May 6');
  expect(formatDay('')).toBe('');
});

test('Vietnamese dates come from the browser', () => {
  setLocale('vi');
  expect(plain(formatDay('2013-07-21'))).toBe('CN, 21 thg 7');
});

test('Lao dates name the day, then month and year, when the browser cannot', () => {
  expect(laoDate(utc('2013-05-06'), { weekday: true })).toBe('ຈັນ 6 ພຶດສະພາ');
  expect(laoDate(utc('2013-05-06'), { year: true })).toBe('6 ພຶດສະພາ 2013');
  expect(laoDateRange(utc('2013-05-06'), utc('2013-05-10'))).toBe('6–10 ພຶດສະພາ 2013');
  expect(laoDateRange(utc('2013-04-29'), utc('2013-05-03'))).toBe('29 ເມສາ – 3 ພຶດສະພາ 2013');
  expect(laoDateRange(utc('2013-12-30'), utc('2014-01-02'))).toBe('30 ທັນວາ 2013 – 2 ມັງກອນ 2014');
});
