import { beforeEach, describe, expect, it } from 'vitest';
import { synced, waitFor, type TestClient } from '../helpers/clients.ts';
import { api } from '../helpers/server.ts';
import { useRouteTestbed } from './route-testbed.ts';
import { ControlDoc } from '../../../shared/schema/control.ts';
import { RiverDoc } from '../../../shared/schema/river.ts';
import { RouteDoc } from '../../../shared/schema/route.ts';

/**
 * Hidden brainstorming: until the reveal, another participant's browser receives nothing of a hidden
 * idea (not in the river, not in the control document, not over HTTP), whatever a stock client tries.
 */
describe('hidden brainstorming', () => {
  const bed = useRouteTestbed();
  const connect = bed.connect;
  let ana: string;
  let bo: string;
  const ideas = (token: string) => api(bed.server, `/api/routes/${bed.routeId}/hidden-ideas`, { token });
  const addIdea = (token: string, text: string, streamId = 'ideas') =>
    api(bed.server, `/api/routes/${bed.routeId}/hidden-ideas`, { method: 'POST', token, body: { streamId, dayId: 'd1', text } });
  const hide = (hidden: boolean, token = bed.facilitator) => api(bed.server, `/api/routes/${bed.routeId}/control/hidden`, { method: 'POST', token, body: { streamId: 'ideas', hidden } });
  /** Everything a client was sent for its document, as bytes. */
  const received = (client: TestClient): Buffer[] => {
    const updates: Buffer[] = [];
    client.doc.on('update', (update: Uint8Array) => updates.push(Buffer.from(update)));
    return updates;
  };

  beforeEach(async () => {
    const setup = connect(`route/${bed.routeId}`);
    await synced(setup);
    new RouteDoc(setup.doc).add('teams', { id: 't1', name: 'Team one', organisation: '', planTitle: '', community: '' });
    const days = new RouteDoc(setup.doc).read('days');
    expect(days[0]?.id).toBe('d1');
    const codes = (await api(bed.server, `/api/routes/${bed.routeId}/join-codes`, { token: bed.facilitator })).body;
    await waitFor(() => new RouteDoc(setup.doc).read('teams').length === 1, 'team');
    const join = async (name: string) => (await api(bed.server, '/api/join', { method: 'POST', token: null, body: { code: codes.participant, name, teamId: 't1' } })).body.token as string;
    ana = await join('Ana');
    bo = await join('Bo');
  });
  it('keeps ideas to their author and the facilitators until the reveal, then puts them in the river', async () => {
    const river = `route/${bed.routeId}/river`;
    const boRiver = connect(river, bo);
    const boControl = connect(`route/${bed.routeId}/control`, bo);
    await Promise.all([synced(boRiver), synced(boControl)]);
    const boGot = [...[boRiver, boControl].map(received)];

    expect((await hide(true, ana)).status).toBe(403);
    expect((await addIdea(ana, 'too early')).body.error).toBe('not_hidden');
    expect((await hide(true)).body).toEqual({ hidden: ['river/stream/ideas'], revealed: 0 });
    await waitFor(() => new ControlDoc(boControl.doc).isHidden('river/stream/ideas'), 'hidden brainstorm visible');

    const secret = 'a seed bank run by the women of the village';
    const added = await addIdea(ana, secret);
    expect(added.status).toBe(201);
    expect(added.body.idea).toMatchObject({ text: secret, author: 'Ana', streamId: 'ideas', dayId: 'd1' });
    expect((await addIdea(bo, 'Bo idea')).status).toBe(201);
    expect((await addIdea(ana, '   ')).body.error).toBe('invalid_text');
    expect((await addIdea(ana, 'elsewhere', 'lessons')).body.error).toBe('not_hidden');

    expect((await ideas(ana)).body.ideas.map((idea: { text: string }) => idea.text)).toEqual([secret]);
    expect((await ideas(bo)).body.ideas.map((idea: { text: string }) => idea.text)).toEqual(['Bo idea']);
    expect((await ideas(bed.facilitator)).body.ideas.map((idea: { text: string }) => idea.text)).toEqual([secret, 'Bo idea']);
    // The shared link names nobody, so it has no ideas of its own to see.
    expect((await ideas(bed.participant)).status).toBe(403);
    // Someone else's idea cannot be removed, nor told apart from one that does not exist.
    expect((await api(bed.server, `/api/routes/${bed.routeId}/hidden-ideas/${added.body.idea.id}`, { method: 'DELETE', token: bo })).status).toBe(404);

    // The room sees how many ideas wait, never what they say.
    await waitFor(() => new ControlDoc(boControl.doc).hiddenCount('river/stream/ideas') === 2, 'count reaches the room');

    // A stock client writing a card into the hidden stream of the shared river has nothing applied.
    const watcher = connect(river);
    await synced(watcher);
    new RiverDoc(boRiver.doc).addCard({ text: 'straight into the river', author: 'Bo', authorId: 'x', streamId: 'ideas', dayId: 'd1' }, 1);
    // From another client: after a refused update, the same client's later ones depend on it.
    const boElsewhere = connect(river, bo);
    await synced(boElsewhere);
    new RiverDoc(boElsewhere.doc).addCard({ text: 'in another stream', author: 'Bo', authorId: 'x', streamId: 'lessons', dayId: 'd1' }, 1);
    await waitFor(() => new RiverDoc(watcher.doc).cards().some((card) => card.text === 'in another stream'), 'unhidden stream written');
    expect(new RiverDoc(watcher.doc).cards().map((card) => card.text)).not.toContain('straight into the river');
    expect(boGot.flat().some((update) => update.includes(Buffer.from(secret)))).toBe(false);

    // Still hidden after a restart.
    await bed.restart();
    expect((await ideas(ana)).body.ideas).toHaveLength(1);

    const later = connect(river, bo);
    await synced(later);
    const laterGot = received(later);
    expect(new RiverDoc(later.doc).cards().map((card) => card.text)).not.toContain(secret);
    const revealed = await hide(false);
    expect(revealed.body).toEqual({ hidden: [], revealed: 2 });
    await waitFor(() => new RiverDoc(later.doc).cards().some((card) => card.text === secret), 'revealed idea reaches everyone');
    const card = new RiverDoc(later.doc).cards().find((c) => c.text === secret)!;
    expect(card).toMatchObject({ author: 'Ana', streamId: 'ideas', dayId: 'd1' });
    expect(laterGot.some((update) => update.includes(Buffer.from(secret)))).toBe(true);
    expect((await ideas(bed.facilitator)).body.ideas).toEqual([]);
    const control = connect(`route/${bed.routeId}/control`, bo);
    await synced(control);
    expect(new ControlDoc(control.doc).hiddenCounts()).toEqual({});
  });
});
