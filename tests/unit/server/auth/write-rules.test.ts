import { describe, expect, it } from 'vitest';
import { mayWrite, type RouteState } from '../../../../server/auth/write-rules.ts';
import type { RouteGrant, RouteRole } from '../../../../server/auth/access.ts';
import type { CommentChange } from '../../../../server/facilitation/comment-changes.ts';
import { sharedLinkAuthorId } from '../../../../shared/schema/plan-comments.ts';

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
const noComments = () => [];

describe('A3 write rules', () => {
  it('bind everyone but facilitators by locks', () => {
    const locked = state({ locks: ['river', 'experience', 'case/coffee', 'plan/t1'] });
    for (const doc of ['route/r/river', 'route/r/experience', 'route/r/case/coffee', 'route/r/plan/t1']) {
      expect(mayWrite(grant('participant'), 't1', doc, locked, none, noComments), doc).toBe(false);
      expect(mayWrite(grant('facilitator'), null, doc, locked, none, noComments), doc).toBe(true);
      expect(mayWrite(grant('participant'), 't1', doc, state(), none, noComments), doc).toBe(true);
    }
    expect(mayWrite(grant('participant'), 't1', 'route/r/case/tea', locked, none, noComments)).toBe(true);
  });

  it('refuse an update touching a locked stream, and only such an update', () => {
    const locked = state({ locks: ['river/stream/lessons'] });
    expect(mayWrite(grant('participant'), null, 'route/r/river', locked, () => new Set(['lessons', 'ideas']), noComments)).toBe(false);
    expect(mayWrite(grant('participant'), null, 'route/r/river', locked, () => new Set(['ideas']), noComments)).toBe(true);
  });

  it('keep a hidden brainstorm\'s stream out of the shared river for everyone but facilitators', () => {
    const hidden = state({ hidden: ['ideas'] });
    expect(mayWrite(grant('participant'), 't1', 'route/r/river', hidden, () => new Set(['ideas']), noComments)).toBe(false);
    expect(mayWrite(grant('participant'), 't1', 'route/r/river', hidden, () => new Set(['lessons']), noComments)).toBe(true);
    expect(mayWrite(grant('facilitator'), null, 'route/r/river', hidden, () => new Set(['ideas']), noComments)).toBe(true);
  });

  it("keep a hidden case grid out of participants' reach, and only that grid", () => {
    const hidden = state({ hidden: ['case/coffee'] });
    expect(mayWrite(grant('participant'), 't1', 'route/r/case/coffee', hidden, none, noComments)).toBe(false);
    expect(mayWrite(grant('participant'), 't1', 'route/r/case/tea', hidden, none, noComments)).toBe(true);
    expect(mayWrite(grant('facilitator'), null, 'route/r/case/coffee', hidden, none, noComments)).toBe(true);
  });

  it('keep participants to their own team\'s plan unless every plan is open', () => {
    expect(mayWrite(grant('participant'), 't1', 'route/r/plan/t2', state(), none, noComments)).toBe(false);
    expect(mayWrite(grant('participant'), null, 'route/r/plan/t2', state(), none, noComments)).toBe(false);
    expect(mayWrite(grant('participant'), 't1', 'route/r/plan/t2', state({ everyPlanOpen: true }), none, noComments)).toBe(true);
  });

  it('refuse participants\' writes to a submitted plan, not to a presented one, and never a facilitator\'s', () => {
    const submitted = state({ submitted: ['t1'] });
    expect(mayWrite(grant('participant'), 't1', 'route/r/plan/t1', submitted, none, noComments)).toBe(false);
    expect(mayWrite(grant('participant'), 't1', 'route/r/plan/t1', state({ everyPlanOpen: true, submitted: ['t1'] }), none, noComments)).toBe(false);
    expect(mayWrite(grant('facilitator'), null, 'route/r/plan/t1', submitted, none, noComments)).toBe(true);
    expect(mayWrite(grant('participant'), 't2', 'route/r/plan/t2', state({ everyPlanOpen: true, submitted: ['t1'] }), none, noComments)).toBe(true);
    const presented: RouteState = { ...state(), planStatus: () => 'presented' };
    expect(mayWrite(grant('participant'), 't1', 'route/r/plan/t1', presented, none, noComments)).toBe(true);
  });

  it('refuse when the route state is not loaded, or the document is another route\'s', () => {
    expect(mayWrite(grant('participant'), 't1', 'route/r/river', null, none, noComments)).toBe(false);
    expect(mayWrite(grant('participant'), 't1', 'route/other/river', state(), none, noComments)).toBe(false);
  });

  it('keeps a plan\'s comments their authors\': own name, own edits and deletions, anyone resolves a thread', () => {
    const ana: RouteGrant = { ...grant('participant'), person: { id: 'ana', name: 'Ana', teamId: 't1', groupId: null } };
    const shared = grant('participant');
    const write = (who: RouteGrant, changes: CommentChange[]): boolean => mayWrite(who, 't1', 'route/r/plan/t1', state(), none, () => changes);
    const added = (authorIds: string[], idTaken = false): CommentChange => ({ kind: 'added', ids: ['c9'], authorIds, idTaken });
    const thread = (authorId: string) => ({ id: 'c1', threadId: '', authorId });
    const reply = (authorId: string) => ({ id: 'c2', threadId: 'c1', authorId });
    expect(write(ana, [added(['ana'])])).toBe(true);
    expect(write(ana, [added(['binh'])])).toBe(false);
    expect(write(ana, [added(['ana', 'binh'])])).toBe(false);
    expect(write(ana, [added([])])).toBe(false);
    expect(write(ana, [added(['ana'], true)])).toBe(false);
    expect(write(ana, [{ kind: 'edited', record: thread('ana'), field: 'text' }])).toBe(true);
    expect(write(ana, [{ kind: 'edited', record: thread('binh'), field: 'text' }])).toBe(false);
    expect(write(ana, [{ kind: 'edited', record: thread('binh'), field: 'resolved' }])).toBe(true);
    expect(write(ana, [{ kind: 'edited', record: reply('binh'), field: 'resolved' }])).toBe(false);
    expect(write(ana, [{ kind: 'deleted', record: reply('binh') }])).toBe(false);
    expect(write(ana, [{ kind: 'deleted', record: thread('ana') }, { kind: 'deleted', record: reply('binh') }])).toBe(true);
    expect(write(ana, [{ kind: 'deleted', record: thread('binh') }, { kind: 'deleted', record: reply('ana') }])).toBe(false);
    // A shared link names no one: it comments under the shared link's id and resolves, and changes no one's comment.
    expect(write(shared, [added([sharedLinkAuthorId])])).toBe(true);
    expect(write(shared, [added(['ana'])])).toBe(false);
    expect(write(shared, [added(['a-browser-id'])])).toBe(false);
    expect(write(ana, [added([sharedLinkAuthorId])])).toBe(false);
    expect(write(shared, [{ kind: 'edited', record: thread(sharedLinkAuthorId), field: 'text' }])).toBe(false);
    expect(write(shared, [{ kind: 'deleted', record: thread(sharedLinkAuthorId) }])).toBe(false);
    expect(write(shared, [{ kind: 'edited', record: thread('binh'), field: 'resolved' }])).toBe(true);
    expect(write(shared, [{ kind: 'deleted', record: thread('') }])).toBe(false);
    // Facilitators moderate.
    expect(mayWrite(grant('facilitator'), null, 'route/r/plan/t1', state(), none, () => [{ kind: 'deleted', record: thread('binh') }])).toBe(true);
  });
});
