import { expect, test } from 'vitest';
import { parsePath, pathOf, routeIdOfPath } from '../../../../../client/lib/routing/pages.ts';

test('reads the home page and a route’s pages from the path', () => {
  expect(parsePath('/')).toEqual({ name: 'home' });
  expect(parsePath('/r/laos-2013/setup')).toEqual({ name: 'setup', routeId: 'laos-2013' });
  expect(parsePath('/r/laos-2013/river/')).toEqual({ name: 'river', routeId: 'laos-2013' });
  expect(parsePath('/r/laos-2013/screen')).toEqual({ name: 'screen', routeId: 'laos-2013' });
  expect(parsePath('/r/laos-2013/facilitate')).toEqual({ name: 'facilitate', routeId: 'laos-2013' });
  expect(parsePath('/r/laos-2013/cases/coffee')).toEqual({ name: 'cases', routeId: 'laos-2013', hostId: 'coffee' });
  expect(parsePath('/r/laos-2013/cases/coffee/compare')).toEqual({ name: 'compare', routeId: 'laos-2013', hostId: 'coffee' });
  expect(parsePath('/r/laos-2013/cases/coffee/screen')).toEqual({ name: 'case-screen', routeId: 'laos-2013', hostId: 'coffee' });
  expect(parsePath('/r/laos-2013/plans')).toEqual({ name: 'plans', routeId: 'laos-2013' });
  expect(parsePath('/r/laos-2013/plans/taliang')).toEqual({ name: 'plan', routeId: 'laos-2013', teamId: 'taliang' });
  expect(parsePath('/r/laos-2013/plans/taliang/print')).toEqual({ name: 'plan-print', routeId: 'laos-2013', teamId: 'taliang' });
  expect(parsePath('/r/laos-2013/vote')).toEqual({ name: 'vote', routeId: 'laos-2013' });
  expect(parsePath('/r/laos-2013/tally')).toEqual({ name: 'tally', routeId: 'laos-2013' });
  expect(parsePath('/r/laos-2013/committee')).toEqual({ name: 'committee', routeId: 'laos-2013' });
});

test('reads the join page, with the code a QR code carries', () => {
  expect(parsePath('/join')).toEqual({ name: 'join', code: '' });
  expect(parsePath('/j/ACE349')).toEqual({ name: 'join', code: 'ACE349' });
  expect(parsePath('/j/%E0%A4%A')).toEqual({ name: 'join', code: '' });
  expect(parsePath('/join/more')).toEqual({ name: 'not-found' });
  expect(pathOf({ name: 'join', code: 'ACE349' })).toBe('/j/ACE349');
  expect(routeIdOfPath('/j/ACE349')).toBeNull();
});

test('anything else is not found, including route ids the server would refuse', () => {
  for (const path of ['/r/laos-2013', '/r/laos-2013/plan', '/r/a/plans/t/other', '/r/a/plans/t/print/x', '/r/a/plans/..', '/x/laos-2013/river', '/r/..%2Fsecret/river', '/r/%E0%A4%A/river', '/r/a/river/more', '/r/a/cases', '/r/a/cases/coffee/other', '/r/a/cases/coffee/compare/x', '/r/a/cases/..']) {
    expect(parsePath(path), path).toEqual({ name: 'not-found' });
  }
});

test('builds the paths it reads', () => {
  for (const page of [{ name: 'river', routeId: 'vn-2013.b' }, { name: 'home' }, { name: 'cases', routeId: 'a', hostId: 'h-1' }, { name: 'compare', routeId: 'a', hostId: 'h-1' }, { name: 'case-screen', routeId: 'a', hostId: 'h-1' }, { name: 'plan', routeId: 'a', teamId: 't-1' }, { name: 'plan-print', routeId: 'a', teamId: 't-1' }] as const) {
    expect(parsePath(pathOf(page))).toEqual(page);
  }
  expect(routeIdOfPath('/r/laos-2013/river')).toBe('laos-2013');
  expect(routeIdOfPath('/')).toBeNull();
});
