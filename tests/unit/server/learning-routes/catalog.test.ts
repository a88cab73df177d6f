import { describe, expect, it } from 'vitest';
import { roleOn, routeDays } from '../../../../server/learning-routes/catalog.ts';

describe('routeDays', () => {
  it('makes one dated day per calendar day of the route', () => {
    const days = routeDays({ title: 't', place: '', startDate: '2013-05-06', endDate: '2013-05-10' });
    expect(days.map((d) => d.date)).toEqual(['2013-05-06', '2013-05-07', '2013-05-08', '2013-05-09', '2013-05-10']);
    expect(days.map((d) => d.id)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5']);
  });

  it('crosses month ends and leap days', () => {
    const days = routeDays({ title: 't', place: '', startDate: '2024-02-28', endDate: '2024-03-01' });
    expect(days.map((d) => d.date)).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });

  it('uses an explicit count, undated past the dates, and bounds it', () => {
    expect(routeDays({ title: 't', place: '', startDate: '', endDate: '', days: 3 }).map((d) => d.date)).toEqual(['', '', '']);
    expect(routeDays({ title: 't', place: '', startDate: '2013-07-21', endDate: '2013-07-22', days: 3 }).map((d) => d.date)).toEqual([
      '2013-07-21',
      '2013-07-22',
      '',
    ]);
    expect(routeDays({ title: 't', place: '', startDate: '', endDate: '' })).toHaveLength(1);
    expect(routeDays({ title: 't', place: '', startDate: '2013-01-01', endDate: '2013-12-31' })).toHaveLength(31);
  });
});

describe('roleOn', () => {
  it('says what each kind of grant makes its holder on a route', () => {
    expect(roleOn({ kind: 'admin' }, 'abc')).toBe('admin');
    expect(roleOn({ kind: 'route', routeId: 'abc', role: 'participant', expiresAt: null }, 'abc')).toBe('participant');
    expect(roleOn({ kind: 'route', routeId: 'abc', role: 'facilitator', expiresAt: null }, 'xyz')).toBeNull();
    expect(roleOn({ kind: 'scoped', scope: 'route', access: 'write', expiresAt: null }, 'abc')).toBe('facilitator');
    expect(roleOn({ kind: 'scoped', scope: 'route/abc', access: 'read', expiresAt: null }, 'abc')).toBe('participant');
    expect(roleOn({ kind: 'scoped', scope: 'route/abc/river', access: 'write', expiresAt: null }, 'abc')).toBeNull();
  });
});
