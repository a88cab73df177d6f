import { describe, expect, it } from 'vitest';
import { nowAndNext } from '../../../../../client/lib/control/now-next.ts';
import { pageOfView, viewOfPage } from '../../../../../client/lib/control/view-targets.ts';
import { nameOfToken, roleOfToken } from '../../../../../client/lib/control/my-role.ts';
import { createTokenService } from '../../../../../server/auth/tokens.ts';

const days = [
  { id: 'd1', date: '2025-01-06', title: 'Day one' },
  { id: 'd2', date: '2025-01-07', title: 'Day two' },
  { id: 'd3', date: '', title: 'Undated' },
];
const schedule = [
  { id: 's2', dayId: 'd1', time: '10:30', title: 'Field visit' },
  { id: 's1', dayId: 'd1', time: '08:00', title: 'Opening' },
  { id: 's3', dayId: 'd2', time: '09:00', title: 'Plans' },
  { id: 's4', dayId: 'd1', time: '', title: 'Untimed' },
  { id: 's5', dayId: 'd3', time: '09:00', title: 'On an undated day' },
];
const at = (date: string, time: string) => new Date(`${date}T${time}:00`).getTime();

describe('now and next from the schedule', () => {
  it('is the latest session of today that has begun, and the first one after it', () => {
    expect(nowAndNext(days, schedule, at('2025-01-06', '09:15'))).toEqual({ now: schedule[1], next: schedule[0] });
    expect(nowAndNext(days, schedule, at('2025-01-06', '10:30'))).toEqual({ now: schedule[0], next: schedule[2] });
  });

  it('has nothing on now before the day begins or on the evening before a later day', () => {
    expect(nowAndNext(days, schedule, at('2025-01-06', '07:00'))).toEqual({ now: null, next: schedule[1] });
    // Yesterday's last session is not "now" the next morning.
    expect(nowAndNext(days, schedule, at('2025-01-07', '08:00'))).toEqual({ now: null, next: schedule[2] });
    expect(nowAndNext(days, schedule, at('2025-02-01', '08:00'))).toEqual({ now: null, next: null });
  });
});

describe('view targets and pages', () => {
  it('go both ways for the boards a participant can be taken to', () => {
    for (const view of [
      { board: 'river', id: '', part: '' },
      { board: 'case', id: 'h1', part: '' },
      { board: 'case', id: 'h1', part: 'compare' },
      { board: 'plan', id: 't1', part: '' },
      { board: 'plan', id: '', part: '' },
    ] as const) {
      expect(viewOfPage(pageOfView('r1', view)!)).toEqual(view);
    }
    expect(pageOfView('r1', { board: 'timer', id: '', part: '' })).toBeNull();
  });
});

describe('the role a token names', () => {
  const token = (fields: object) => `t1.${Buffer.from(JSON.stringify(fields)).toString('base64url')}.sig`;
  it('reads route grants and scoped ones, for this route only', () => {
    expect(roleOfToken(token({ r: 'r1', o: 'screen', e: null }), 'r1')).toBe('screen');
    expect(roleOfToken(token({ r: 'r1', o: 'facilitator', e: null }), 'r2')).toBe('none');
    expect(roleOfToken(token({ s: 'route/r1', a: 'write', e: null }), 'r1')).toBe('facilitator');
    expect(roleOfToken(token({ s: 'route/r1', a: 'read', e: null }), 'r1')).toBe('participant');
    expect(roleOfToken('opaque-admin', 'r1')).toBe('admin');
    expect(roleOfToken(null, 'r1')).toBe('none');
  });

  it('reads the name a person joined with as the server wrote it, in any script', () => {
    const service = createTokenService('admin', Buffer.alloc(32, 7));
    const person = { id: 'p1', name: 'ສຸກ Phommavong', role: 'participant' as const, teamId: 't1', groupId: 'g1', joinedAt: 0, removedAt: null };
    const minted = service.mint({ routeId: 'r1', role: 'participant', expiresAt: null, person });
    expect(nameOfToken(minted)).toBe('ສຸກ Phommavong');
    expect(roleOfToken(minted, 'r1')).toBe('participant');
    expect(nameOfToken(token({ s: 'route/r1', a: 'read', e: null }))).toBeNull();
  });
});
