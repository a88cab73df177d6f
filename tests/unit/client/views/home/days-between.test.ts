import { expect, test } from 'vitest';
import { daysBetween } from '../../../../../client/views/home/days-between.ts';

test('counts both the first and the last day', () => {
  expect(daysBetween('2013-05-06', '2013-05-10')).toBe(5);
  expect(daysBetween('2013-07-21', '2013-07-21')).toBe(1);
  // Across a month end and a daylight-saving change elsewhere: calendar days, not hours.
  expect(daysBetween('2013-03-29', '2013-04-02')).toBe(5);
});

test('says nothing for missing or reversed dates, and caps a route at 31 days', () => {
  expect(daysBetween('', '2013-05-10')).toBeNull();
  expect(daysBetween('2013-05-10', '2013-05-06')).toBeNull();
  expect(daysBetween('2013-01-01', '2013-12-31')).toBe(31);
});
