import { describe, expect, it } from 'vitest';
import { mayWrite, type RouteState } from '../../../../server/auth/write-rules.ts';
import type { RouteGrant, RouteRole } from '../../../../server/auth/access.ts';

const state = (fields: Partial<{ locks: string[]; submitted: string[]; everyPlanOpen: boolean; hidden: string[] }> = {}): RouteState => ({
  isLocked: (target) => fields.locks?.includes(target) ?? false,
  planStatus: (teamId) => (fields.submitted?.includes(teamId) ? 'submitted' : 'draft'),
  everyPlanOpen: fields.everyPlanOpen ?? false,
  lockedStreams: () => (fields.locks ?? []).filter((t) => t.startsWith('river/stream/')).map((t) => t.slice('river/stream/'.length)),
  hiddenStreams: () => (fields.hidden ?? []).filter((id) => !id.includes('/')),
  isHidden: (target) => fields.hidden?.includes(target) ?? false,
});
const grant = (role: RouteRole): RouteGrant => ({ kind: 'route', routeId: 'r', role, expiresAt: null });
const none = () => new Set<string>();

describe('A3 write rules', () => {
  it('bind everyone but facilitators by locks', () => {
    const locked = state({ locks: ['river', 'experience', 'case/coffee', 'plan/t1'] });
    for (const doc of ['route/r/river', 'route/r/experience', 'route/r/case/coffee', 'route/r/plan/t1']) {
      expect(mayWrite(grant('participant'), 't1', doc, locked, none), doc).toBe(false);
      expect(mayWrite(grant('facilitator'), null, doc, locked, none), doc).toBe(true);
      expect(mayWrite(grant('participant'), 't1', doc, state(), none), doc).toBe(true);
    }
    expect(mayWrite(grant('participant'), 't1', 'route/r/case/tea', locked, none)).toBe(true);
  });

  it('refuse an update touching a locked stream, and only such an update', () => {
    const locked = state({ locks: ['river/stream/lessons'] });
    expect(mayWrite(grant('participant'), null, 'route/r/river', locked, () => new Set(['lessons', 'ideas']))).toBe(false);
    expect(mayWrite(grant('participant'), null, 'route/r/river', locked, () => new Set(['ideas']))).toBe(true);
  });

  it('keep a hidden brainstorm\'s stream out of the shared river for everyone but facilitators', () => {
    const hidden = state({ hidden: ['ideas'] });
    expect(mayWrite(grant('participant'), 't1', 'route/r/river', hidden, () => new Set(['ideas']))).toBe(false);
    expect(mayWrite(grant('participant'), 't1', 'route/r/river', hidden, () => new Set(['lessons']))).toBe(true);
    expect(mayWrite(grant('facilitator'), null, 'route/r/river', hidden, () => new Set(['ideas']))).toBe(true);
  });

  it("keep a hidden case grid out of participants' reach, and only that grid", () => {
    const hidden = state({ hidden: ['case/coffee'] });
    expect(mayWrite(grant('participant'), 't1', 'route/r/case/coffee', hidden, none)).toBe(false);
    expect(mayWrite(grant('participant'), 't1', 'route/r/case/tea', hidden, none)).toBe(true);
    expect(mayWrite(grant('facilitator'), null, 'route/r/case/coffee', hidden, none)).toBe(true);
  });

  it('keep participants to their own team\'s plan unless every plan is open', () => {
    expect(mayWrite(grant('participant'), 't1', 'route/r/plan/t2', state(), none)).toBe(false);
    expect(mayWrite(grant('participant'), null, 'route/r/plan/t2', state(), none)).toBe(false);
    expect(mayWrite(grant('participant'), 't1', 'route/r/plan/t2', state({ everyPlanOpen: true }), none)).toBe(true);
  });

  it('refuse participants\' writes to a submitted plan, not to a presented one, and never a facilitator\'s', () => {
    const submitted = state({ submitted: ['t1'] });
    expect(mayWrite(grant('participant'), 't1', 'route/r/plan/t1', submitted, none)).toBe(false);
    expect(mayWrite(grant('participant'), 't1', 'route/r/plan/t1', state({ everyPlanOpen: true, submitted: ['t1'] }), none)).toBe(false);
    expect(mayWrite(grant('facilitator'), null, 'route/r/plan/t1', submitted, none)).toBe(true);
    expect(mayWrite(grant('participant'), 't2', 'route/r/plan/t2', state({ everyPlanOpen: true, submitted: ['t1'] }), none)).toBe(true);
    const presented: RouteState = { ...state(), planStatus: () => 'presented' };
    expect(mayWrite(grant('participant'), 't1', 'route/r/plan/t1', presented, none)).toBe(true);
  });

  it('refuse when the route state is not loaded, or the document is another route\'s', () => {
    expect(mayWrite(grant('participant'), 't1', 'route/r/river', null, none)).toBe(false);
    expect(mayWrite(grant('participant'), 't1', 'route/other/river', state(), none)).toBe(false);
  });
});
