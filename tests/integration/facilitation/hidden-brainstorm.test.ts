import { beforeEach, describe, expect, it } from 'vitest';
import { synced, waitFor, type TestClient } from '../helpers/clients.ts';
import { api } from '../helpers/server.ts';
import { joinAnaAndBo, received, uploadPhoto } from './hidden-people.ts';
import { useRouteTestbed } from './route-testbed.ts';
import { CaseDoc } from '../../../shared/schema/case.ts';
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
  let setup: TestClient;

  beforeEach(async () => {
    ({ ana, bo, setup } = await joinAnaAndBo(bed));
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

  it('counts each author\'s changes apart, so a page reads its list again for its own ideas and the reveal only', async () => {
    const boControl = connect(`route/${bed.routeId}/control`, bo);
    await synced(boControl);
    const control = new ControlDoc(boControl.doc);
    const target = 'river/stream/ideas';
    await hide(true);
    const boIdea = (await addIdea(bo, 'Bo idea')).body.idea;
    const boId: string = boIdea.authorId;
    await waitFor(() => control.hiddenChanges(target, boId) === 1, 'own change counted');

    const anaIdea = (await addIdea(ana, 'Ana idea')).body.idea;
    await waitFor(() => control.hiddenChanges(target, null) === 2, 'every change counted for the facilitators');
    expect(control.hiddenChanges(target, boId)).toBe(1);

    // A facilitator's change to Bo's idea is Bo's to see.
    const edit = await api(bed.server, `/api/routes/${bed.routeId}/hidden-ideas/${boIdea.id}`, { method: 'PATCH', token: bed.facilitator, body: { text: 'Bo idea, sharpened' } });
    expect(edit.status).toBe(200);
    await waitFor(() => control.hiddenChanges(target, boId) === 2, 'facilitator change counted for its author');

    expect((await api(bed.server, `/api/routes/${bed.routeId}/hidden-ideas/${anaIdea.id}`, { method: 'DELETE', token: ana })).status).toBe(200);
    await waitFor(() => control.hiddenChanges(target, null) === 4, 'taken back');
    expect(control.hiddenChanges(target, boId)).toBe(2);

    await hide(false);
    await waitFor(() => control.hiddenChanges(target, null) === 0, 'the reveal forgets the counts');
    expect(control.hiddenChanges(target, boId)).toBe(0);
  });

  it('keeps a case grid\'s hidden cards out of other participants\' grids until the reveal, then gives them to everyone', async () => {
    const route = new RouteDoc(setup.doc);
    route.add('hosts', { id: 'coffee', name: 'Coffee cooperative', place: '', summary: '', dayId: 'd1' });
    route.add('groups', { id: 'g1', name: 'Group one' });
    const grid = `route/${bed.routeId}/case/coffee`;
    const boGrid = connect(grid, bo);
    const boControl = connect(`route/${bed.routeId}/control`, bo);
    await Promise.all([synced(boGrid), synced(boControl)]);
    const boRoute = connect(`route/${bed.routeId}`, bo);
    await waitFor(() => new RouteDoc(boRoute.doc).read('groups').length === 1 && new RouteDoc(boRoute.doc).read('hosts').length === 1, 'host and group stored');
    const boGot = [boGrid, boControl].map(received);
    const hideGrid = (hidden: boolean, token = bed.facilitator, hostId = 'coffee') =>
      api(bed.server, `/api/routes/${bed.routeId}/control/hidden`, { method: 'POST', token, body: { hostId, hidden } });
    const cell = { hostId: 'coffee', groupId: 'g1', rowId: 'story', columnId: 'community' };
    const addCard = (token: string, text: string, place: Record<string, string> = cell) =>
      api(bed.server, `/api/routes/${bed.routeId}/hidden-ideas`, { method: 'POST', token, body: { ...place, text } });

    expect((await hideGrid(true, ana)).status).toBe(403);
    expect((await hideGrid(true, bed.facilitator, 'no-such-host')).body.error).toBe('invalid_host');
    expect((await addCard(ana, 'too early')).body.error).toBe('not_hidden');
    expect((await hideGrid(true)).body).toEqual({ hidden: ['case/coffee'], revealed: 0 });
    await waitFor(() => new ControlDoc(boControl.doc).isHidden('case/coffee'), 'hidden grid visible');

    const secret = 'the cooperative pays pickers within a week';
    const added = await addCard(ana, secret);
    expect(added.status).toBe(201);
    expect(added.body.idea).toMatchObject({ target: 'case/coffee', text: secret, author: 'Ana', ...cell, streamId: '' });
    expect((await addCard(ana, 'nowhere', { ...cell, rowId: 'no-such-row' })).body.error).toBe('invalid_cell');
    expect((await addCard(ana, 'nobody', { ...cell, groupId: 'no-such-group' })).body.error).toBe('invalid_cell');
    expect((await addCard(bo, 'Bo card')).status).toBe(201);
    expect((await ideas(bo)).body.ideas.map((idea: { text: string }) => idea.text)).toEqual(['Bo card']);
    expect((await ideas(bed.facilitator)).body.ideas.map((idea: { text: string }) => idea.text)).toEqual([secret, 'Bo card']);
    await waitFor(() => new ControlDoc(boControl.doc).hiddenCount('case/coffee') === 2, 'count reaches the room');

    // A stock client writing straight into the hidden grid has nothing applied, stored or forwarded.
    const watcher = connect(grid);
    await synced(watcher);
    new CaseDoc(boGrid.doc).addCard({ text: 'straight into the grid', author: 'Bo', authorId: 'x', ...cell }, 1);
    const facilitatorGrid = connect(grid, bed.facilitator);
    await synced(facilitatorGrid);
    new CaseDoc(facilitatorGrid.doc).addCard({ text: 'the facilitator still writes', author: 'F', authorId: 'f', ...cell }, 2);
    await waitFor(() => new CaseDoc(watcher.doc).cards().some((card) => card.text === 'the facilitator still writes'), 'facilitator writes');
    expect(new CaseDoc(watcher.doc).cards().map((card) => card.text)).not.toContain('straight into the grid');
    expect(new CaseDoc(watcher.doc).cards().map((card) => card.text)).not.toContain(secret);

    // Another participant's fresh client, after a restart, still receives nothing of the hidden cards.
    await bed.restart();
    const later = connect(grid, bo);
    await synced(later);
    const laterGot = received(later);
    expect(new CaseDoc(later.doc).cards().map((card) => card.text)).not.toContain(secret);
    expect(boGot.flat().some((update) => update.includes(Buffer.from(secret)))).toBe(false);

    expect((await hideGrid(false)).body).toEqual({ hidden: [], revealed: 2 });
    await waitFor(() => new CaseDoc(later.doc).cards().some((card) => card.text === secret), 'revealed card reaches everyone');
    expect(new CaseDoc(later.doc).cards().find((card) => card.text === secret)).toMatchObject({ id: added.body.idea.id, author: 'Ana', authorId: added.body.idea.authorId, groupId: 'g1', rowId: 'story', columnId: 'community' });
    expect(new CaseDoc(later.doc).cards().map((card) => card.text)).toContain('Bo card');
    expect(laterGot.some((update) => update.includes(Buffer.from(secret)))).toBe(true);
    expect((await ideas(bed.facilitator)).body.ideas).toEqual([]);
    // Revealing again adds nothing twice.
    expect((await hideGrid(false)).body).toEqual({ hidden: [], revealed: 0 });
  });

  it('lets the author change, take back and put back their own hidden grid card, and no one else', async () => {
    const route = new RouteDoc(setup.doc);
    route.add('hosts', { id: 'coffee', name: 'Coffee cooperative', place: '', summary: '', dayId: 'd1' });
    route.add('groups', { id: 'g1', name: 'Group one' });
    const grid = `route/${bed.routeId}/case/coffee`;
    const boGrid = connect(grid, bo);
    await synced(boGrid);
    const boRoute = connect(`route/${bed.routeId}`, bo);
    await waitFor(() => new RouteDoc(boRoute.doc).read('groups').length === 1 && new RouteDoc(boRoute.doc).read('hosts').length === 1, 'host and group stored');
    const boGot = received(boGrid);
    const base = `/api/routes/${bed.routeId}/hidden-ideas`;
    const cell = { hostId: 'coffee', groupId: 'g1', rowId: 'story', columnId: 'community' };
    const change = (token: string, id: string, body: Record<string, unknown>) => api(bed.server, `${base}/${id}`, { method: 'PATCH', token, body });
    const remove = (token: string, id: string) => api(bed.server, `${base}/${id}`, { method: 'DELETE', token });
    const add = (token: string, body: Record<string, unknown>) => api(bed.server, base, { method: 'POST', token, body: { ...cell, ...body } });
    expect((await api(bed.server, `/api/routes/${bed.routeId}/control/hidden`, { method: 'POST', token: bed.facilitator, body: { hostId: 'coffee', hidden: true } })).status).toBe(200);

    const added = await add(ana, { text: 'pickers paid weekly' });
    const id = added.body.idea.id as string;
    expect(added.body.idea.color).toBe('#fff4b8');

    // Her own: another text, another cell, another colour.
    const changed = await change(ana, id, { text: 'pickers paid within a week', rowId: 'results', color: '#d6f0d2' });
    expect(changed.status).toBe(200);
    expect(changed.body.idea).toMatchObject({ id, text: 'pickers paid within a week', rowId: 'results', columnId: 'community', color: '#d6f0d2', author: 'Ana' });
    expect((await change(ana, id, { rowId: 'no-such-row' })).body.error).toBe('invalid_cell');
    expect((await change(ana, id, { dayId: 'd2' })).body.error).toBe('invalid_cell');
    expect((await change(ana, id, { color: 'red' })).body.error).toBe('invalid_color');
    expect((await change(ana, id, { text: ' ' })).body.error).toBe('invalid_text');
    // Someone else's answers as missing, for a change as for a removal; nothing of it changed.
    expect((await change(bo, id, { text: 'Bo was here' })).status).toBe(404);
    expect((await remove(bo, id)).status).toBe(404);
    expect((await change(bed.participant, id, { text: 'the shared link' })).status).toBe(403);
    expect((await ideas(ana)).body.ideas[0]).toMatchObject({ text: 'pickers paid within a week', rowId: 'results' });

    // Taken back, then put back under its own id (her undo); an id in use or made up is refused.
    expect((await remove(ana, id)).status).toBe(200);
    expect((await ideas(ana)).body.ideas).toEqual([]);
    const back = await add(ana, { id, text: 'pickers paid within a week', rowId: 'results', color: '#d6f0d2' });
    expect(back.status).toBe(201);
    expect(back.body.idea).toMatchObject({ id, rowId: 'results', color: '#d6f0d2' });
    expect((await add(bo, { id, text: 'same id' })).body.error).toBe('id_taken');
    expect((await add(ana, { id: 'Not An Id!', text: 'made up' })).body.error).toBe('invalid_id');
    const facilitatorGrid = connect(grid, bed.facilitator);
    await synced(facilitatorGrid);
    const shared = new CaseDoc(facilitatorGrid.doc).addCard({ text: 'on the grid', author: 'F', authorId: 'f', ...cell }, 1);
    await waitFor(() => new CaseDoc(boGrid.doc).card(shared) !== null, 'shared card reaches Bo');
    expect((await add(ana, { id: shared, text: 'a card\'s id' })).body.error).toBe('id_taken');
    expect((await ideas(bed.facilitator)).body.ideas).toHaveLength(1);

    // A facilitator changes and takes back anyone's, and puts one back in its author's name (their undo,
    // from the grid page); nobody else names an author, and an author must be a person of the route.
    const anaId = back.body.idea.authorId as string;
    expect((await change(bed.facilitator, id, { text: 'pickers paid weekly' })).body.idea).toMatchObject({ text: 'pickers paid weekly', author: 'Ana' });
    expect((await remove(bed.facilitator, id)).status).toBe(200);
    expect((await add(bo, { id, text: 'as Ana', authorId: anaId })).status).toBe(403);
    expect((await add(bed.facilitator, { id, text: 'nobody', authorId: 'no-such-person' })).body.error).toBe('invalid_author');
    expect((await add(bed.facilitator, { text: 'no id', authorId: anaId })).body.error).toBe('invalid_author');
    const putBack = await add(bed.facilitator, { id, text: 'pickers paid within a week', rowId: 'results', color: '#d6f0d2', authorId: anaId });
    expect(putBack.status).toBe(201);
    expect(putBack.body.idea).toMatchObject({ id, author: 'Ana', authorId: anaId });
    expect((await ideas(ana)).body.ideas.map((idea: { id: string }) => idea.id)).toEqual([id]);

    expect(boGot.some((update) => update.includes(Buffer.from('pickers paid')))).toBe(false);
    expect((await api(bed.server, `/api/routes/${bed.routeId}/control/hidden`, { method: 'POST', token: bed.facilitator, body: { hostId: 'coffee', hidden: false } })).body.revealed).toBe(1);
    await waitFor(() => new CaseDoc(boGrid.doc).card(id) !== null, 'revealed card reaches Bo');
    expect(new CaseDoc(boGrid.doc).card(id)).toMatchObject({ text: 'pickers paid within a week', rowId: 'results', columnId: 'community', color: '#d6f0d2', author: 'Ana' });
    // Revealed, it is a grid card: no longer an idea to change.
    expect((await change(ana, id, { text: 'too late' })).status).toBe(404);
  });

  it('keeps a hidden grid card\'s photo from everyone but its author and the facilitators until the reveal', async () => {
    const route = new RouteDoc(setup.doc);
    route.add('hosts', { id: 'coffee', name: 'Coffee cooperative', place: '', summary: '', dayId: 'd1' });
    route.add('groups', { id: 'g1', name: 'Group one' });
    const grid = `route/${bed.routeId}/case/coffee`;
    const boGrid = connect(grid, bo);
    await synced(boGrid);
    const boRoute = connect(`route/${bed.routeId}`, bo);
    await waitFor(() => new RouteDoc(boRoute.doc).read('groups').length === 1 && new RouteDoc(boRoute.doc).read('hosts').length === 1, 'host and group stored');
    const boGot = received(boGrid);
    const photos = `/api/routes/${bed.routeId}/photos`;
    const upload = (token: string) => uploadPhoto(bed, token);
    const fetchPhoto = async (token: string, photoId: string, how: 'header' | 'query' = 'header') => {
      const response = await fetch(`${bed.server.url}${photos}/${photoId}?size=thumb${how === 'query' ? `&token=${encodeURIComponent(token)}` : ''}`, {
        headers: how === 'header' ? { authorization: `Bearer ${token}` } : {},
      });
      return response.status;
    };
    const photoPass = async (token: string) => (await api(bed.server, `/api/routes/${bed.routeId}/downloads`, { method: 'POST', token, body: { url: `${photos}/` } })).body.token as string;
    const codes = (await api(bed.server, `/api/routes/${bed.routeId}/join-codes`, { token: bed.facilitator })).body;
    const screen = (await api(bed.server, '/api/join', { method: 'POST', token: null, body: { code: codes.screen, name: '' } })).body.token as string;
    expect((await api(bed.server, `/api/routes/${bed.routeId}/control/hidden`, { method: 'POST', token: bed.facilitator, body: { hostId: 'coffee', hidden: true } })).status).toBe(200);

    const drying = await upload(ana);
    const added = await api(bed.server, `/api/routes/${bed.routeId}/hidden-ideas`, { method: 'POST', token: ana, body: { hostId: 'coffee', groupId: 'g1', rowId: 'story', columnId: 'community', text: 'the drying yard', photos: [drying] } });
    expect(added.status).toBe(201);
    expect(added.body.idea.photos).toEqual([drying]);
    // A second photo, added later as a grid card's are; a made-up id is refused.
    const beds = await upload(ana);
    const changed = await api(bed.server, `/api/routes/${bed.routeId}/hidden-ideas/${added.body.idea.id}`, { method: 'PATCH', token: ana, body: { photos: [drying, beds] } });
    expect(changed.body.idea.photos).toEqual([drying, beds]);
    expect((await api(bed.server, `/api/routes/${bed.routeId}/hidden-ideas/${added.body.idea.id}`, { method: 'PATCH', token: ana, body: { photos: ['../etc'] } })).body.error).toBe('invalid_photos');

    // Ana and the facilitators see it; Bo, the room screen and the shared link are told there is no such photo.
    expect(await fetchPhoto(ana, drying)).toBe(200);
    expect(await fetchPhoto(await photoPass(ana), beds, 'query')).toBe(200);
    expect(await fetchPhoto(bed.facilitator, drying)).toBe(200);
    for (const token of [bo, screen, bed.participant, await photoPass(bo)]) {
      expect(await fetchPhoto(token, drying, token.startsWith('d1.') ? 'query' : 'header')).toBe(404);
      expect(await fetchPhoto(token, beds, token.startsWith('d1.') ? 'query' : 'header')).toBe(404);
    }
    // Naming another's photo on an idea of one's own does not hide it from the others: it is on a board.
    const shown = await upload(bed.facilitator);
    const facilitatorGrid = connect(grid, bed.facilitator);
    await synced(facilitatorGrid);
    new CaseDoc(facilitatorGrid.doc).addCard({ text: 'the sorting table', author: 'F', authorId: 'f', groupId: 'g1', rowId: 'story', columnId: 'community', photos: [shown] }, 1);
    await waitFor(() => new CaseDoc(boGrid.doc).cards().some((card) => card.photos.includes(shown)), 'shared photo reaches Bo');
    expect((await api(bed.server, `/api/routes/${bed.routeId}/hidden-ideas`, { method: 'POST', token: bo, body: { hostId: 'coffee', groupId: 'g1', rowId: 'story', columnId: 'community', text: 'mine now', photos: [shown] } })).status).toBe(201);
    expect(await fetchPhoto(ana, shown)).toBe(200);
    expect(boGot.some((update) => update.includes(Buffer.from(drying)))).toBe(false);

    // Revealed, the card carries its photos on the grid, and everyone may fetch them.
    expect((await api(bed.server, `/api/routes/${bed.routeId}/control/hidden`, { method: 'POST', token: bed.facilitator, body: { hostId: 'coffee', hidden: false } })).body.revealed).toBe(2);
    await waitFor(() => new CaseDoc(boGrid.doc).card(added.body.idea.id) !== null, 'revealed card reaches Bo');
    expect(new CaseDoc(boGrid.doc).card(added.body.idea.id)!.photos).toEqual([drying, beds]);
    for (const token of [bo, screen, bed.participant]) expect(await fetchPhoto(token, drying)).toBe(200);
  });
});
