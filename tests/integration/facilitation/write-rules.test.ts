import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, synced, waitFor, type TestClient } from '../helpers/clients.ts';
import { api, makeDataDir, startTestServer } from '../helpers/server.ts';
import { RiverDoc } from '../../../shared/schema/river.ts';
import { ControlDoc } from '../../../shared/schema/control.ts';
import { docPath } from '../helpers/server.ts';

/** Rule A3: write rights decided per update from the route's state, against stock y-websocket clients. */
describe('A3 dynamic write rights', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const clients: TestClient[] = [];
  let routeId: string;
  let participant: string;
  let facilitator: string;
  const connect = (docName: string, token?: string): TestClient => {
    const client = connectClient(server.wsUrl, docName, { token });
    clients.push(client);
    return client;
  };
  const lock = (target: string, locked: boolean, token?: string) =>
    api(server, `/api/routes/${routeId}/control/locks`, { method: 'POST', body: { target, locked }, token });
  /** Admin writes a marker and waits until `client` has it: the server has handled everything `client` sent before. */
  const roundTrip = async (admin: TestClient, client: TestClient): Promise<void> => {
    const marker = `marker-${Math.random()}`;
    admin.doc.getMap('markers').set(marker, true);
    await waitFor(() => client.doc.getMap('markers').has(marker), 'marker round trip');
  };
  const cardTexts = (client: TestClient) => new RiverDoc(client.doc).cards().map((card) => card.text);

  beforeEach(async () => {
    data = await makeDataDir();
    server = await startTestServer(data.dir);
    const created = await api(server, '/api/routes', { method: 'POST', body: { title: 'Test route', startDate: '2025-01-06', endDate: '2025-01-07' } });
    routeId = created.body.route.id;
    participant = created.body.links.participant.token;
    facilitator = created.body.links.facilitator.token;
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    await data.remove();
  });

  it('refuses a participant\'s writes to a locked board until it is unlocked, then takes what was refused', async () => {
    const river = `route/${routeId}/river`;
    const admin = connect(river);
    const ana = connect(river, participant);
    await Promise.all([synced(admin), synced(ana)]);
    new RiverDoc(ana.doc).addCard({ text: 'before the lock', author: 'Ana', authorId: 'a', streamId: 'lessons', dayId: 'd1' }, 1);
    await waitFor(() => cardTexts(admin).includes('before the lock'), 'unlocked write applied');

    expect((await lock('river', true, participant)).status).toBe(403);
    expect((await lock('river', true, facilitator)).body).toEqual({ locks: ['river'] });
    const controlView = connect(`route/${routeId}/control`, participant);
    await waitFor(() => new ControlDoc(controlView.doc).isLocked('river'), 'lock visible to participants');
    expect((await api(server, `${docPath(river)}/access`, { token: participant })).body.access).toBe('read');
    expect((await api(server, `${docPath(river)}/access`, { token: facilitator })).body.access).toBe('write');

    new RiverDoc(ana.doc).addCard({ text: 'while locked', author: 'Ana', authorId: 'a', streamId: 'lessons', dayId: 'd1' }, 2);
    await roundTrip(admin, ana);
    expect(cardTexts(admin)).not.toContain('while locked');
    const fresh = connect(river);
    await synced(fresh);
    expect(cardTexts(fresh)).not.toContain('while locked');

    // A facilitator is not bound by locks.
    const fay = connect(river, facilitator);
    await synced(fay);
    new RiverDoc(fay.doc).addCard({ text: 'facilitator while locked', author: 'Fay', authorId: 'f', streamId: 'lessons', dayId: 'd1' }, 3);
    await waitFor(() => cardTexts(admin).includes('facilitator while locked'), 'facilitator write applied');

    // Unlocking closes the refused connection with 4000; the stock client reconnects and resends.
    const closes: number[] = [];
    ana.provider.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code ?? 0));
    expect((await lock('river', false, facilitator)).body).toEqual({ locks: [] });
    await waitFor(() => cardTexts(admin).includes('while locked'), 'refused write resent after unlock');
    expect(closes).toContain(4000);
  });

  it('refuses writes that touch a locked stream, and only those', async () => {
    const river = `route/${routeId}/river`;
    const admin = connect(river);
    const ana = connect(river, participant);
    await Promise.all([synced(admin), synced(ana)]);
    const anaRiver = new RiverDoc(ana.doc);
    const inLessons = anaRiver.addCard({ text: 'lesson', author: 'Ana', authorId: 'a', streamId: 'lessons', dayId: 'd1' }, 1);
    const inIdeas = anaRiver.addCard({ text: 'idea', author: 'Ana', authorId: 'a', streamId: 'ideas', dayId: 'd1' }, 1);
    await waitFor(() => cardTexts(admin).length === 2, 'cards applied');
    await lock('river/stream/lessons', true, facilitator);

    const adminRiver = new RiverDoc(admin.doc);
    const attempts: Array<[string, (river: RiverDoc) => void, () => boolean]> = [
      ['add to the locked stream', (r) => r.addCard({ text: 'new lesson', author: 'Ana', authorId: 'a', streamId: 'lessons', dayId: 'd2' }, 2), () => cardTexts(admin).includes('new lesson')],
      ['edit a card in it', (r) => r.editCard(inLessons, { text: 'edited lesson' }, 3), () => adminRiver.card(inLessons)?.text === 'edited lesson'],
      ['move a card out of it', (r) => r.moveCards([inLessons], { streamId: 'ideas', dayId: 'd1' }), () => adminRiver.card(inLessons)?.streamId === 'ideas'],
      ['move a card into it', (r) => r.moveCards([inIdeas], { streamId: 'lessons', dayId: 'd1' }), () => adminRiver.card(inIdeas)?.streamId === 'lessons'],
      ['delete a card in it', (r) => r.deleteCards([inLessons]), () => adminRiver.card(inLessons) === null],
    ];
    for (const [what, attempt, applied] of attempts) {
      // Each attempt from a fresh participant client, so one refused edit does not hide the next.
      const writer = connect(river, participant);
      await synced(writer);
      attempt(new RiverDoc(writer.doc));
      await roundTrip(admin, writer);
      expect(applied(), what).toBe(false);
      writer.destroy();
    }
    anaRiver.editCard(inIdeas, { text: 'edited idea' }, 4);
    await waitFor(() => adminRiver.card(inIdeas)?.text === 'edited idea', 'edit in an unlocked stream applied');
  });

  it('keeps the control document to the server\'s actions, and plans to their team unless every plan is open', async () => {
    const control = `route/${routeId}/control`;
    const admin = connect(control);
    const byParticipant = connect(control, participant);
    const byFacilitator = connect(control, facilitator);
    await Promise.all([synced(admin), synced(byParticipant), synced(byFacilitator)]);
    new ControlDoc(byParticipant.doc).setLocked('river', true);
    new ControlDoc(byFacilitator.doc).setPlanStatus('t1', 'submitted');
    await roundTrip(admin, byParticipant);
    await roundTrip(admin, byFacilitator);
    expect(new ControlDoc(admin.doc).isLocked('river')).toBe(false);
    expect(new ControlDoc(admin.doc).planStatus('t1')).toBe('draft');

    // The shared participant link names no team: it writes no plan until the route opens every plan.
    const plan = `route/${routeId}/plan/t1`;
    const planAdmin = connect(plan);
    const planParticipant = connect(plan, participant);
    await Promise.all([synced(planAdmin), synced(planParticipant)]);
    planParticipant.doc.getText('draft').insert(0, 'not my team');
    await roundTrip(planAdmin, planParticipant);
    expect(planAdmin.doc.getText('draft').toString()).toBe('');
    const opened = await api(server, `/api/routes/${routeId}/control/settings`, { method: 'POST', body: { everyPlanOpen: true }, token: facilitator });
    expect(opened.body).toEqual({ everyPlanOpen: true });
    await waitFor(() => planAdmin.doc.getText('draft').toString() === 'not my team', 'refused plan write resent once every plan is open');
  });
});
