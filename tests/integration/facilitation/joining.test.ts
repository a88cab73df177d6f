import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, synced, waitFor, type TestClient } from '../helpers/clients.ts';
import { api, docPath, makeDataDir, startTestServer } from '../helpers/server.ts';
import { RouteDoc } from '../../../shared/schema/route.ts';
import { joinCodeAlphabet } from '../../../shared/schema/people.ts';
import { ControlDoc } from '../../../shared/schema/control.ts';

/** Joining a route with a code, the people list and its rules, against the real server and stock clients. */
describe('join codes and people', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const clients: TestClient[] = [];
  let routeId: string;
  let facilitatorLink: string;
  let participantLink: string;
  const connect = (docName: string, token?: string): TestClient => {
    const client = connectClient(server.wsUrl, docName, { token });
    clients.push(client);
    return client;
  };
  const codes = async () => (await api(server, `/api/routes/${routeId}/join-codes`, { token: facilitatorLink })).body;
  const join = (body: Record<string, unknown>) => api(server, '/api/join', { method: 'POST', body, token: null });
  /** Admin writes a marker and waits until `client` has it: the server has handled everything `client` sent before. */
  const roundTrip = async (admin: TestClient, client: TestClient): Promise<void> => {
    const marker = `marker-${Math.random()}`;
    admin.doc.getMap('markers').set(marker, true);
    await waitFor(() => client.doc.getMap('markers').has(marker), 'marker round trip');
  };

  beforeEach(async () => {
    data = await makeDataDir();
    server = await startTestServer(data.dir);
    const created = await api(server, '/api/routes', { method: 'POST', body: { title: 'Test route', startDate: '2025-01-06', endDate: '2025-01-07' } });
    routeId = created.body.route.id;
    facilitatorLink = created.body.links.facilitator.token;
    participantLink = created.body.links.participant.token;
    // Two teams and two groups, written by the admin as the setup page would.
    const setup = connect(`route/${routeId}`);
    await synced(setup);
    const route = new RouteDoc(setup.doc);
    route.add('teams', { id: 't1', name: 'Team one', organisation: '', planTitle: '', community: '' });
    route.add('teams', { id: 't2', name: 'Team two', organisation: '', planTitle: '', community: '' });
    route.add('groups', { id: 'g1', name: 'Group 1' });
    route.add('groups', { id: 'g2', name: 'Group 2' });
    const check = connect(`route/${routeId}`);
    await synced(check);
    await waitFor(() => new RouteDoc(check.doc).read('groups').length === 2, 'setup stored');
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    await data.remove();
  });

  it('gives each role a short code without look-alikes, to the route\'s facilitators only', async () => {
    const body = await codes();
    expect(Object.keys(body).sort()).toEqual(['committee', 'facilitator', 'participant', 'screen']);
    for (const code of Object.values(body) as string[]) {
      expect(code).toHaveLength(6);
      expect([...code].every((char) => joinCodeAlphabet.includes(char))).toBe(true);
    }
    expect(new Set(Object.values(body)).size).toBe(4);
    expect((await api(server, `/api/routes/${routeId}/join-codes`, { token: participantLink })).status).toBe(403);
    expect((await api(server, `/api/routes/${routeId}/join-codes`, { token: null })).status).toBe(401);
    // Codes survive a restart.
    await server.close();
    server = await startTestServer(data.dir);
    expect(await codes()).toEqual(body);
  });

  it('joins a named participant in a team with the right code, and the token opens this route only', async () => {
    const { participant } = await codes();
    const info = await api(server, `/api/join/${participant.toLowerCase()}`, { token: null });
    expect(info.body).toMatchObject({ routeId, role: 'participant', title: 'Test route' });
    expect(info.body.teams.map((team: { id: string }) => team.id)).toEqual(['t1', 't2']);

    expect((await join({ code: participant, name: '  ' , teamId: 't1', groupId: 'g1' })).body.error).toBe('name_missing');
    expect((await join({ code: participant, name: 'Ana', groupId: 'g1' })).body.error).toBe('team_missing');
    expect((await join({ code: participant, name: 'Ana', teamId: 'nope', groupId: 'g1' })).body.error).toBe('team_unknown');

    const joined = await join({ code: ` ${participant.slice(0, 3)}-${participant.slice(3)} `, name: 'Ana', teamId: 't1', groupId: 'g1' });
    expect(joined.status).toBe(201);
    expect(Object.keys(joined.body).sort()).toEqual(['personId', 'role', 'routeId', 'token']);
    expect(joined.body).toMatchObject({ routeId, role: 'participant' });
    const token = joined.body.token as string;
    expect((await api(server, `${docPath(`route/${routeId}/river`)}/access`, { token })).body.access).toBe('write');
    expect((await api(server, `${docPath(`route/${routeId}`)}/access`, { token })).body.access).toBe('read');

    const other = await api(server, '/api/routes', { method: 'POST', body: { title: 'Other route', startDate: '2025-02-01', endDate: '2025-02-01' } });
    expect((await api(server, `${docPath(`route/${other.body.route.id}/river`)}/access`, { token })).status).toBe(403);
    // The server's own document (people, codes) is served to nobody.
    expect((await api(server, `${docPath(`route/${routeId}/server`)}/access`, { token: undefined })).status).toBe(403);

    const people = await api(server, `/api/routes/${routeId}/people`, { token: facilitatorLink });
    expect(people.body.people).toMatchObject([{ id: joined.body.personId, name: 'Ana', role: 'participant', teamId: 't1', groupId: 'g1' }]);
    expect((await api(server, `/api/routes/${routeId}/people`, { token })).status).toBe(403);

    // A room screen needs no name; a facilitator code makes a facilitator.
    const all = await codes();
    const screen = await join({ code: all.screen, name: '' });
    expect(screen.body.role).toBe('screen');
    // The room screen shows the participant code (and only that one), with the address to type it at.
    const shown = await api(server, `/api/routes/${routeId}/join-codes/participant`, { token: screen.body.token });
    expect(shown.body).toEqual({ code: all.participant, joinAddress: `${server.url}/join`, codeAddress: `${server.url}/j/${all.participant}` });
    expect((await api(server, `/api/routes/${routeId}/join-codes`, { token: screen.body.token })).status).toBe(403);
    expect((await api(server, `/api/routes/${routeId}/join-codes/participant`, { token })).status).toBe(403);
    expect((await api(server, `${docPath(`route/${routeId}/river`)}/access`, { token: screen.body.token })).body.access).toBe('read');
    const fay = await join({ code: all.facilitator, name: 'Fay' });
    expect(fay.body.role).toBe('facilitator');
    expect((await api(server, `/api/routes/${routeId}/join-codes`, { token: fay.body.token })).status).toBe(200);
  });

  it('refuses wrong, replaced and expired codes; people already in stay after a code is renewed', async () => {
    const { participant } = await codes();
    expect((await join({ code: 'XXXXXX', name: 'Ana' })).body.error).toBe('code_unknown');
    expect((await join({ code: 'not a code', name: 'Ana' })).status).toBe(404);
    const before = await join({ code: participant, name: 'Ana', teamId: 't1', groupId: 'g1' });
    expect(before.status).toBe(201);

    const rotated = await api(server, `/api/routes/${routeId}/join-codes/participant/rotate`, { method: 'POST', token: facilitatorLink, body: {} });
    expect(rotated.body.code).not.toBe(participant);
    expect((await api(server, `/api/routes/${routeId}/join-codes/participant/rotate`, { method: 'POST', token: participantLink, body: {} })).status).toBe(403);
    const old = await join({ code: participant, name: 'Bo', teamId: 't1', groupId: 'g1' });
    expect(old.status).toBe(404);
    expect(old.body.error).toBe('code_unknown');
    expect((await join({ code: rotated.body.code, name: 'Bo', teamId: 't2', groupId: 'g2' })).status).toBe(201);
    expect((await api(server, `${docPath(`route/${routeId}/river`)}/access`, { token: before.body.token })).body.access).toBe('write');

    const soon = Date.now() + 300;
    const expiring = await api(server, `/api/routes/${routeId}/join-codes/participant/rotate`, { method: 'POST', token: facilitatorLink, body: { expiresAt: soon } });
    expect(expiring.body.expiresAt).toBe(soon);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, soon - Date.now()) + 50));
    const expired = await join({ code: expiring.body.code, name: 'Cy', teamId: 't1', groupId: 'g1' });
    expect(expired.status).toBe(410);
    expect(expired.body).toMatchObject({ error: 'code_expired' });
    expect((await api(server, `/api/routes/${routeId}/join-codes/participant/rotate`, { method: 'POST', token: facilitatorLink, body: { expiresAt: 'tomorrow' } })).status).toBe(400);
  });

  it('closes a removed person\'s open connections with 4410 and refuses their token at once', async () => {
    const { participant } = await codes();
    const ana = await join({ code: participant, name: 'Ana', teamId: 't1', groupId: 'g1' });
    const bo = await join({ code: participant, name: 'Bo', teamId: 't1', groupId: 'g1' });
    const river = `route/${routeId}/river`;
    const anaClient = connect(river, ana.body.token);
    const boClient = connect(river, bo.body.token);
    await Promise.all([synced(anaClient), synced(boClient)]);
    const closes: number[] = [];
    anaClient.provider.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code ?? 0));
    const listed = await api(server, `/api/routes/${routeId}/people`, { token: facilitatorLink });
    expect(listed.body.people.find((p: { id: string }) => p.id === ana.body.personId).connections).toBe(1);

    expect((await api(server, `/api/routes/${routeId}/people/${ana.body.personId}`, { method: 'DELETE', token: participantLink })).status).toBe(403);
    const removed = await api(server, `/api/routes/${routeId}/people/${ana.body.personId}`, { method: 'DELETE', token: facilitatorLink });
    expect(removed.body).toEqual({ removed: ana.body.personId });
    await waitFor(() => closes.includes(4410), 'removed person closed with 4410');
    const refused = await api(server, `${docPath(river)}/access`, { token: ana.body.token });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('person_removed');
    // Bo is untouched, and Ana is no longer in the list.
    boClient.doc.getMap('markers').set('bo', true);
    const admin = connect(river);
    await synced(admin);
    await waitFor(() => admin.doc.getMap('markers').has('bo'), 'other person still writes');
    const after = await api(server, `/api/routes/${routeId}/people`, { token: facilitatorLink });
    expect(after.body.people.map((p: { name: string }) => p.name)).toEqual(['Bo']);
    expect((await api(server, `/api/routes/${routeId}/people/${ana.body.personId}`, { method: 'DELETE', token: facilitatorLink })).status).toBe(404);
  });

  it('keeps a participant to their own team\'s plan, and their rights follow when the facilitator moves them', async () => {
    const { participant } = await codes();
    const ana = await join({ code: participant, name: 'Ana', teamId: 't1', groupId: 'g1' });
    const own = `route/${routeId}/plan/t1`;
    const other = `route/${routeId}/plan/t2`;
    const [ownAdmin, otherAdmin] = [connect(own), connect(other)];
    const [ownAna, otherAna] = [connect(own, ana.body.token), connect(other, ana.body.token)];
    await Promise.all([ownAdmin, otherAdmin, ownAna, otherAna].map(synced));
    ownAna.doc.getText('draft').insert(0, 'ours');
    otherAna.doc.getText('draft').insert(0, 'theirs');
    await waitFor(() => ownAdmin.doc.getText('draft').toString() === 'ours', 'own team plan written');
    await roundTrip(otherAdmin, otherAna);
    expect(otherAdmin.doc.getText('draft').toString()).toBe('');

    const renamed = await api(server, `/api/routes/${routeId}/people/${ana.body.personId}`, { method: 'PATCH', token: facilitatorLink, body: { name: 'Ana K.', teamId: 't2' } });
    expect(renamed.body.person).toMatchObject({ name: 'Ana K.', teamId: 't2' });
    // The refused write comes back once the move opened that plan to her (its connection reconnects and resends).
    await waitFor(() => otherAdmin.doc.getText('draft').toString() === 'theirs', 'refused write resent after the move');
    ownAna.doc.getText('draft').insert(0, 'no longer ');
    await roundTrip(ownAdmin, ownAna);
    expect(ownAdmin.doc.getText('draft').toString()).toBe('ours');
    expect((await api(server, `/api/routes/${routeId}/people/${ana.body.personId}`, { method: 'PATCH', token: facilitatorLink, body: { teamId: 'nope' } })).status).toBe(400);
  });

  it('tells a move between groups in the control document, which the person reads', async () => {
    const { participant } = await codes();
    const ana = await join({ code: participant, name: 'Ana', teamId: 't1', groupId: 'g1' });
    const control = connect(`route/${routeId}/control`, ana.body.token);
    await synced(control);
    const groupOf = () => new ControlDoc(control.doc).groupOf(ana.body.personId);
    // Her token says where she joined; the control document only what a facilitator changed since.
    await api(server, `/api/routes/${routeId}/people/${ana.body.personId}`, { method: 'PATCH', token: facilitatorLink, body: { name: 'Ana K.' } });
    const admin = connect(`route/${routeId}/control`);
    await synced(admin);
    expect(groupOf()).toBeUndefined();

    const moved = await api(server, `/api/routes/${routeId}/people/${ana.body.personId}`, { method: 'PATCH', token: facilitatorLink, body: { groupId: 'g2' } });
    expect(moved.body.person).toMatchObject({ groupId: 'g2' });
    await waitFor(() => groupOf() === 'g2', 'the move told to her control document');
    await api(server, `/api/routes/${routeId}/people/${ana.body.personId}`, { method: 'PATCH', token: facilitatorLink, body: { groupId: null } });
    await waitFor(() => groupOf() === null, 'the move to no group told');
    // A refused move tells nothing.
    expect((await api(server, `/api/routes/${routeId}/people/${ana.body.personId}`, { method: 'PATCH', token: facilitatorLink, body: { groupId: 'nope' } })).status).toBe(400);
    await roundTrip(admin, control);
    expect(groupOf()).toBeNull();
  });

  it('tells a move between teams in the control document, which the person reads, and a rename tells nothing', async () => {
    const { participant } = await codes();
    const ana = await join({ code: participant, name: 'Ana', teamId: 't1', groupId: 'g1' });
    const control = connect(`route/${routeId}/control`, ana.body.token);
    await synced(control);
    const teamOf = () => new ControlDoc(control.doc).teamOf(ana.body.personId);
    const patch = (body: Record<string, unknown>) => api(server, `/api/routes/${routeId}/people/${ana.body.personId}`, { method: 'PATCH', token: facilitatorLink, body });
    await patch({ name: 'Ana K.' });
    await patch({ groupId: 'g2' });
    const admin = connect(`route/${routeId}/control`);
    await synced(admin);
    await waitFor(() => new ControlDoc(control.doc).groupOf(ana.body.personId) === 'g2', 'the group move told');
    // Neither the rename nor the group move is a team move: her token's team stands.
    expect(teamOf()).toBeUndefined();

    expect((await patch({ teamId: 't2' })).body.person).toMatchObject({ teamId: 't2', groupId: 'g2' });
    await waitFor(() => teamOf() === 't2', 'the team move told to her control document');
    expect(new ControlDoc(control.doc).groupOf(ana.body.personId)).toBe('g2');
    await patch({ teamId: null });
    await waitFor(() => teamOf() === null, 'the move to no team told');
    expect((await patch({ teamId: 'nope' })).status).toBe(400);
    await patch({ name: 'Ana Keo' });
    await roundTrip(admin, control);
    expect(teamOf()).toBeNull();
  });
});

describe('wrong-code limit', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  // The defaults' shape (free, then slower, then refused) with smaller numbers, so the test takes seconds.
  const limits = { windowMs: 600_000, freeWrong: 4, stepMs: 100, maxDelayMs: 300, refuseAt: 10, maxAddresses: 100 };
  beforeEach(async () => {
    data = await makeDataDir();
    server = await startTestServer(data.dir, { joinLimits: limits });
  });
  afterEach(async () => {
    await server.close();
    await data.remove();
  });

  it('lets forty people join at once from one address, slows repeated wrong codes, then refuses them with 429 and Retry-After', async () => {
    const created = await api(server, '/api/routes', { method: 'POST', body: { title: 'Busy room', startDate: '2025-01-06', endDate: '2025-01-06' } });
    const routeId = created.body.route.id as string;
    const { participant } = (await api(server, `/api/routes/${routeId}/join-codes`)).body;
    const join = (code: string, name: string) => api(server, '/api/join', { method: 'POST', token: null, body: { code, name } });

    // A room of forty on one Wi-Fi router, a few of them mistyping first.
    for (let i = 0; i < 3; i++) expect((await join('WWWWWW', `typo ${i}`)).status).toBe(404);
    const joins = await Promise.all(Array.from({ length: 40 }, (_, i) => join(participant, `Person ${i + 1}`)));
    expect(joins.map((response) => response.status)).toEqual(Array(40).fill(201));
    expect(new Set(joins.map((response) => response.body.personId)).size).toBe(40);

    // Someone guessing: the first few wrong codes are answered at once, later ones wait longer each time.
    const answered: number[] = [];
    let refused: { status: number; body: { error: string }; retryAfter: string | null } | null = null;
    for (let i = 0; i < 40 && refused === null; i++) {
      const started = performance.now();
      const response = await fetch(`${server.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'WWWWWW', name: 'guess' }) });
      if (response.status === 429) refused = { status: 429, body: (await response.json()) as { error: string }, retryAfter: response.headers.get('retry-after') };
      else {
        expect(response.status).toBe(404);
        answered.push(performance.now() - started);
      }
    }
    expect(refused).not.toBeNull();
    expect(refused!.body.error).toBe('too_many_attempts');
    expect(Number(refused!.retryAfter)).toBeGreaterThan(0);
    expect(answered.length).toBe(limits.refuseAt);
    // Slowed: every answer after the free ones took at least its added wait (a lower bound, whatever the machine).
    answered.slice(limits.freeWrong).forEach((ms, index) => expect(ms).toBeGreaterThanOrEqual(Math.min(limits.maxDelayMs, (index + 1) * limits.stepMs) - 5));
    // While refused, even a right code from that address waits.
    expect((await join(participant, 'late')).status).toBe(429);
  });
});
