import { beforeEach, describe, expect, it } from 'vitest';
import { synced, waitFor } from '../helpers/clients.ts';
import { api } from '../helpers/server.ts';
import { joinAnaAndBo, received, uploadPhoto } from './hidden-people.ts';
import { useRouteTestbed } from './route-testbed.ts';
import { RiverDoc } from '../../../shared/schema/river.ts';

/**
 * A hidden river idea while it waits: its author (or a facilitator) changes its text and photos and moves
 * it to another day of its stream, as a hidden grid card is changed; nobody else learns anything of it.
 */
describe('hidden river ideas', () => {
  const bed = useRouteTestbed();
  let ana: string;
  let bo: string;
  const base = () => `/api/routes/${bed.routeId}/hidden-ideas`;
  const change = (token: string, id: string, body: Record<string, unknown>) => api(bed.server, `${base()}/${id}`, { method: 'PATCH', token, body });
  const remove = (token: string, id: string) => api(bed.server, `${base()}/${id}`, { method: 'DELETE', token });
  const add = (token: string, text: string) => api(bed.server, base(), { method: 'POST', token, body: { streamId: 'ideas', dayId: 'd1', text } });
  const hide = (hidden: boolean) => api(bed.server, `/api/routes/${bed.routeId}/control/hidden`, { method: 'POST', token: bed.facilitator, body: { streamId: 'ideas', hidden } });

  beforeEach(async () => {
    ({ ana, bo } = await joinAnaAndBo(bed));
  });

  it('lets the author and the facilitators edit, move, give photos and delete, and keeps all of it from the others until the reveal', async () => {
    const river = `route/${bed.routeId}/river`;
    const boRiver = bed.connect(river, bo);
    const boControl = bed.connect(`route/${bed.routeId}/control`, bo);
    await Promise.all([synced(boRiver), synced(boControl)]);
    const boGot = [boRiver, boControl].map(received);
    expect((await hide(true)).status).toBe(200);

    const first = 'a seed bank';
    const added = await add(ana, first);
    expect(added.status).toBe(201);
    const id = added.body.idea.id as string;
    const photo = await uploadPhoto(bed, ana);

    // Her own: another text, another day, a photo.
    const secret = 'a seed bank run by the women of the village';
    const moved = await change(ana, id, { text: secret, dayId: 'd2' });
    expect(moved.status).toBe(200);
    expect(moved.body.idea).toMatchObject({ id, text: secret, streamId: 'ideas', dayId: 'd2', author: 'Ana' });
    expect((await change(ana, id, { photos: [photo] })).body.idea).toMatchObject({ photos: [photo], dayId: 'd2' });
    // A photo alone is a card, as on the river; nothing at all is not.
    expect((await change(ana, id, { text: '' })).body.idea).toMatchObject({ text: '', photos: [photo] });
    expect((await change(ana, id, { text: secret })).status).toBe(200);

    // Bad moves answer with what is wrong, and change nothing.
    for (const [body, error] of [
      [{ dayId: 'no-such-day' }, 'invalid_day'],
      [{ dayId: 7 }, 'invalid_day'],
      [{ streamId: 'lessons', dayId: 'd1' }, 'invalid_stream'],
      [{ rowId: 'story', columnId: 'community' }, 'invalid_cell'],
      [{ text: ' ', photos: [] }, 'invalid_text'],
    ] as const) {
      const answer = await change(ana, id, body);
      expect([answer.status, answer.body.error]).toEqual([400, error]);
    }
    expect((await api(bed.server, base(), { method: 'POST', token: ana, body: { streamId: 'ideas', dayId: 'no-such-day', text: 'x' } })).body.error).toBe('invalid_day');

    // Another participant's answers as missing; the shared link names nobody.
    expect((await change(bo, id, { text: 'Bo was here' })).status).toBe(404);
    expect((await change(bo, id, { dayId: 'd1' })).status).toBe(404);
    expect((await remove(bo, id)).status).toBe(404);
    expect((await change(bed.participant, id, { dayId: 'd1' })).status).toBe(403);
    expect((await api(bed.server, base(), { token: bo })).body.ideas).toEqual([]);

    // A facilitator changes and deletes anyone's.
    const sharper = `${secret}, with a ledger`;
    expect((await change(bed.facilitator, id, { text: sharper })).body.idea).toMatchObject({ text: sharper, dayId: 'd2', author: 'Ana' });
    const other = (await add(ana, 'a second thought')).body.idea.id as string;
    expect((await remove(bed.facilitator, other)).status).toBe(200);
    const third = (await add(ana, 'a third thought')).body.idea.id as string;
    expect((await remove(ana, third)).status).toBe(200);
    expect((await api(bed.server, base(), { token: ana })).body.ideas).toMatchObject([{ id, text: sharper, dayId: 'd2', photos: [photo] }]);

    const leaked = (text: string) => boGot.flat().some((update) => update.includes(Buffer.from(text)));
    expect([first, secret, sharper, photo, 'a second thought'].filter(leaked)).toEqual([]);

    // Revealed, it is a card of the river where it was moved, as last changed.
    expect((await hide(false)).body).toEqual({ hidden: [], revealed: 1 });
    await waitFor(() => new RiverDoc(boRiver.doc).card(id) !== null, 'revealed idea reaches Bo');
    expect(new RiverDoc(boRiver.doc).card(id)).toMatchObject({ text: sharper, streamId: 'ideas', dayId: 'd2', photos: [photo], author: 'Ana' });
    expect(new RiverDoc(boRiver.doc).cards().map((card) => card.text)).not.toContain('a second thought');
    expect((await change(ana, id, { dayId: 'd1' })).status).toBe(404);
  });
});
