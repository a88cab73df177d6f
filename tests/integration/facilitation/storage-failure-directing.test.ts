import { beforeEach, describe, expect, it } from 'vitest';
import { ControlDoc } from '../../../shared/schema/control.ts';
import { RiverDoc } from '../../../shared/schema/river.ts';
import { RouteDoc } from '../../../shared/schema/route.ts';
import { synced, waitFor } from '../helpers/clients.ts';
import { expectNotStored, failingStorage } from '../helpers/failing-storage.ts';
import { api } from '../helpers/server.ts';
import { useRouteTestbed } from './route-testbed.ts';

/**
 * Hidden ideas and the facilitator's directing (spotlight, follow, timer, locks) whose commit fails, on a
 * real server over a real SQLite file whose writes fail on demand: each answers 503 with a sentence, and
 * nothing of it is kept or seen: an idea's list and the count the room sees agree, a reveal puts no card on
 * the board and keeps every idea waiting, the room's control document is as before. Given again, each works.
 */
describe('directing the room when the storage could not keep a change', () => {
  const storage = failingStorage();
  const bed = useRouteTestbed({ wrapStorage: storage.wrap });
  let ana: string;
  let bo: string;
  const base = () => `/api/routes/${bed.routeId}`;
  const ideas = async (token: string) => (await api(bed.server, `${base()}/hidden-ideas`, { token })).body.ideas as Array<{ id: string; text: string }>;
  const addIdea = (token: string, text: string) => api(bed.server, `${base()}/hidden-ideas`, { method: 'POST', token, body: { streamId: 'ideas', dayId: 'd1', text } });
  const hide = (hidden: boolean) => api(bed.server, `${base()}/control/hidden`, { method: 'POST', token: bed.facilitator, body: { streamId: 'ideas', hidden } });
  const control = (action: string, body: unknown) => api(bed.server, `${base()}/control/${action}`, { method: 'POST', token: bed.facilitator, body });
  /** The control document as a stock client connected now reads it: what every screen of the room is shown. */
  const roomSees = async () => {
    const client = bed.connect(`route/${bed.routeId}/control`, bo);
    await synced(client);
    return new ControlDoc(client.doc);
  };
  /** The river's cards as a stock client connected now receives them. */
  const riverCards = async () => {
    const client = bed.connect(`route/${bed.routeId}/river`, bo);
    await synced(client);
    return new RiverDoc(client.doc).cards().map((card) => card.text);
  };

  beforeEach(async () => {
    const setup = bed.connect(`route/${bed.routeId}`);
    await synced(setup);
    new RouteDoc(setup.doc).add('teams', { id: 't1', name: 'Team one', organisation: '', planTitle: '', community: '' });
    await waitFor(() => new RouteDoc(setup.doc).read('teams').length === 1, 'team');
    const codes = (await api(bed.server, `${base()}/join-codes`, { token: bed.facilitator })).body;
    const join = async (name: string) => (await api(bed.server, '/api/join', { method: 'POST', token: null, body: { code: codes.participant, name, teamId: 't1' } })).body.token as string;
    ana = await join('Ana');
    bo = await join('Bo');
  });

  it('a hidden idea added, changed or taken back whose commit fails is as it was, in the list and in the count', async () => {
    expect((await hide(true)).status).toBe(200);
    const kept = (await addIdea(ana, 'seed bank')).body.idea;

    storage.failWrites(1);
    expectNotStored(await addIdea(ana, 'lost idea'));
    expect((await ideas(ana)).map((idea) => idea.text)).toEqual(['seed bank']);
    expect((await roomSees()).hiddenCount('river/stream/ideas')).toBe(1);

    storage.failWrites(1);
    expectNotStored(await api(bed.server, `${base()}/hidden-ideas/${kept.id}`, { method: 'PATCH', token: ana, body: { text: 'seed bank, changed' } }));
    expect((await ideas(bed.facilitator)).map((idea) => idea.text)).toEqual(['seed bank']);

    storage.failWrites(1);
    expectNotStored(await api(bed.server, `${base()}/hidden-ideas/${kept.id}`, { method: 'DELETE', token: ana }));
    expect((await ideas(ana)).map((idea) => idea.id)).toEqual([kept.id]);
    expect((await roomSees()).hiddenCount('river/stream/ideas')).toBe(1);

    // Others go on: Bo adds his, Ana changes hers; the count follows.
    expect((await addIdea(bo, 'Bo idea')).status).toBe(201);
    expect((await api(bed.server, `${base()}/hidden-ideas/${kept.id}`, { method: 'PATCH', token: ana, body: { text: 'seed bank, changed' } })).status).toBe(200);
    const room = await roomSees();
    await waitFor(() => room.hiddenCount('river/stream/ideas') === 2, 'count of two');
    await bed.restart();
    expect((await ideas(bed.facilitator)).map((idea) => idea.text)).toEqual(['seed bank, changed', 'Bo idea']);
  });

  it('a reveal whose commit fails puts no card on the board and loses no idea; given again, it reveals them all', async () => {
    expect((await hide(true)).status).toBe(200);
    expect((await addIdea(ana, 'seed bank')).status).toBe(201);
    expect((await addIdea(bo, 'Bo idea')).status).toBe(201);

    storage.failWrites(1);
    expectNotStored(await hide(false));
    expect((await ideas(bed.facilitator)).map((idea) => idea.text)).toEqual(['seed bank', 'Bo idea']);
    expect(await riverCards()).not.toContain('seed bank');
    const room = await roomSees();
    expect(room.isHidden('river/stream/ideas')).toBe(true);
    expect(room.hiddenCount('river/stream/ideas')).toBe(2);
    // Bo's idea is still his alone to read.
    expect((await ideas(bo)).map((idea) => idea.text)).toEqual(['Bo idea']);

    expect((await hide(false)).body).toEqual({ hidden: [], revealed: 2 });
    expect(await riverCards()).toEqual(expect.arrayContaining(['seed bank', 'Bo idea']));
    expect(await ideas(bed.facilitator)).toEqual([]);
    await bed.restart();
    expect(await ideas(bed.facilitator)).toEqual([]);
    expect((await riverCards()).filter((text) => text === 'seed bank')).toHaveLength(1);
  });

  it('a spotlight, follow, timer or lock whose commit fails leaves the room as it was', async () => {
    const before = await roomSees();
    const [spotlight, follow, timer, locks] = [before.spotlight(), before.follow(), before.timer(), before.locks()];

    for (const [action, body] of [
      ['spotlight', { board: 'timer' }],
      ['follow', { board: 'river' }],
      ['timer', { action: 'start', durationMs: 600_000, label: 'Group work' }],
      ['locks', { target: 'river', locked: true }],
    ] as const) {
      storage.failWrites(1);
      expectNotStored(await control(action, body));
    }
    const after = await roomSees();
    expect([after.spotlight(), after.follow(), after.timer(), after.locks()]).toEqual([spotlight, follow, timer, locks]);
    // Not locked: Bo still writes to the river, and everyone receives it.
    const [boRiver, watcher] = [bed.connect(`route/${bed.routeId}/river`, bo), bed.connect(`route/${bed.routeId}/river`)];
    await Promise.all([synced(boRiver), synced(watcher)]);
    new RiverDoc(boRiver.doc).addCard({ text: 'not locked out', author: 'Bo', authorId: 'b', streamId: 'ideas', dayId: 'd1' }, 1);
    await waitFor(() => new RiverDoc(watcher.doc).cards().some((card) => card.text === 'not locked out'), 'Bo writes to the river');

    expect((await control('timer', { action: 'start', durationMs: 600_000, label: 'Group work' })).status).toBe(200);
    expect((await control('locks', { target: 'river', locked: true })).body.locks).toEqual(['river']);
    const given = await roomSees();
    expect(given.timer()).toMatchObject({ label: 'Group work' });
    expect(given.isLocked('river')).toBe(true);
  });
});
