import { beforeEach, describe, expect, it } from 'vitest';
import { RouteDoc, writeRoute } from '../../../shared/schema/route.ts';
import { synced, waitFor } from '../helpers/clients.ts';
import { expectNotStored, failingStorage } from '../helpers/failing-storage.ts';
import { api, docPath } from '../helpers/server.ts';
import { useRouteTestbed } from './route-testbed.ts';

/**
 * Joining, people changes, code renewals and route creation whose commit fails, on a real server over a
 * real SQLite file whose writes fail on demand: each answers 503 with a sentence, nothing of it is kept or
 * seen (no token for a person who is not stored, no closed connection for a removal that did not happen,
 * no code that opens nothing), the server goes on serving everyone, and a restart holds what was answered.
 */
describe('people changes the storage could not keep', () => {
  const storage = failingStorage();
  const bed = useRouteTestbed({ wrapStorage: storage.wrap });
  let codes: Record<string, string>;
  const join = (name: string, code = codes.participant) => api(bed.server, '/api/join', { method: 'POST', token: null, body: { code, name, teamId: 't1' } });
  const people = async () => (await api(bed.server, `/api/routes/${bed.routeId}/people`, { token: bed.facilitator })).body.people as Array<{ id: string; name: string; teamId: string | null }>;
  /** Whether a token opens the river now (a stored person's does at once, not 'still loading'). */
  const opens = async (token: string) => (await api(bed.server, `${docPath(`route/${bed.routeId}/river`)}/access`, { token })).status;

  beforeEach(async () => {
    const setup = bed.connect(`route/${bed.routeId}`);
    await synced(setup);
    const route = new RouteDoc(setup.doc);
    for (const id of ['t1', 't2']) route.add('teams', { id, name: `Team ${id}`, organisation: '', planTitle: '', community: '' });
    const check = bed.connect(`route/${bed.routeId}`);
    await synced(check);
    await waitFor(() => new RouteDoc(check.doc).read('teams').length === 2, 'teams stored');
    codes = (await api(bed.server, `/api/routes/${bed.routeId}/join-codes`, { token: bed.facilitator })).body;
  });

  it('a join whose commit fails hands out no token, and the next one joins while others keep working', async () => {
    const ana = await join('Ana');
    expect(ana.status).toBe(201);

    storage.failWrites(1);
    const lost = await join('Bo');
    expectNotStored(lost);
    expect(lost.body.token).toBeUndefined();
    expect(storage.failed).toBe(1);
    expect((await people()).map((each) => each.name)).toEqual(['Ana']);
    // Ana's token works at once: the route's people are loaded again, not refused meanwhile as loading.
    expect(await opens(ana.body.token)).toBe(200);

    const again = await join('Bo');
    expect(again.status).toBe(201);
    expect(await opens(again.body.token)).toBe(200);
    await bed.restart();
    expect((await people()).map((each) => each.name)).toEqual(['Ana', 'Bo']);
  });

  it('a rename, a move or a removal whose commit fails leaves the person as they were, connected', async () => {
    const ana = (await join('Ana')).body;
    const river = bed.connect(`route/${bed.routeId}/river`, ana.token);
    await synced(river);
    const closes: number[] = [];
    river.provider.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code ?? 0));

    storage.failWrites(1);
    expectNotStored(await api(bed.server, `/api/routes/${bed.routeId}/people/${ana.personId}`, { method: 'PATCH', token: bed.facilitator, body: { name: 'Ana Maria' } }));
    storage.failWrites(1);
    expectNotStored(await api(bed.server, `/api/routes/${bed.routeId}/people/${ana.personId}`, { method: 'PATCH', token: bed.facilitator, body: { teamId: 't2' } }));
    storage.failWrites(1);
    expectNotStored(await api(bed.server, `/api/routes/${bed.routeId}/people/${ana.personId}`, { method: 'DELETE', token: bed.facilitator }));
    expect(await people()).toMatchObject([{ id: ana.personId, name: 'Ana', teamId: 't1' }]);
    expect(await opens(ana.token)).toBe(200);
    // Her open connection was not closed as removed (4410 would stop her browser reconnecting for good).
    river.doc.getMap('markers').set('ana', true);
    const watcher = bed.connect(`route/${bed.routeId}/river`);
    await synced(watcher);
    await waitFor(() => watcher.doc.getMap('markers').has('ana'), 'Ana still writes');
    expect(closes).toEqual([]);

    // Given again, each is made, and the removal closes her connection as before.
    expect((await api(bed.server, `/api/routes/${bed.routeId}/people/${ana.personId}`, { method: 'PATCH', token: bed.facilitator, body: { name: 'Ana Maria', teamId: 't2' } })).body.person).toMatchObject({ name: 'Ana Maria', teamId: 't2' });
    expect((await api(bed.server, `/api/routes/${bed.routeId}/people/${ana.personId}`, { method: 'DELETE', token: bed.facilitator })).status).toBe(200);
    await waitFor(() => closes.includes(4410), 'removed person closed with 4410');
    expect(await opens(ana.token)).toBe(401);
  });

  it('a code renewal whose commit fails keeps the old code working and the new one opens nothing', async () => {
    storage.failWrites(1);
    const rotated = await api(bed.server, `/api/routes/${bed.routeId}/join-codes/participant/rotate`, { method: 'POST', token: bed.facilitator });
    expectNotStored(rotated);
    expect((await api(bed.server, `/api/routes/${bed.routeId}/join-codes`, { token: bed.facilitator })).body).toEqual(codes);
    expect((await join('Ana')).status).toBe(201);

    const renewed = await api(bed.server, `/api/routes/${bed.routeId}/join-codes/participant/rotate`, { method: 'POST', token: bed.facilitator });
    expect(renewed.status).toBe(200);
    expect((await join('Bo', renewed.body.code)).status).toBe(201);
    expect((await join('Cy')).body.error).toBe('code_unknown');
  });

  it('join codes first made for an older route, whose commit fails, are not shown; the next look makes them', async () => {
    // A route written as an import or an older server would have: its setup, no codes yet.
    const older = bed.connect('route/older1');
    await synced(older);
    writeRoute(older.doc, { title: 'Older route', place: '', startDate: '2024-03-04', endDate: '2024-03-04', days: [], schedule: [], hosts: [], groups: [], teams: [] });
    await expect.poll(async () => (await api(bed.server, '/api/routes')).body.routes.some((route: { id: string }) => route.id === 'older1')).toBe(true);

    storage.failWrites(1);
    expectNotStored(await api(bed.server, '/api/routes/older1/join-codes'));
    const made = await api(bed.server, '/api/routes/older1/join-codes');
    expect(made.status).toBe(200);
    await bed.restart();
    expect((await api(bed.server, '/api/routes/older1/join-codes')).body).toEqual(made.body);
  });

  it('a route whose creation fails is not listed, has no codes, and the next one is made whole', async () => {
    const before = (await api(bed.server, '/api/routes')).body.routes.map((route: { id: string }) => route.id);
    storage.failWrites(1);
    const lost = await api(bed.server, '/api/routes', { method: 'POST', body: { title: 'Lost route', startDate: '2025-02-03', endDate: '2025-02-04' } });
    expectNotStored(lost);
    expect(lost.body.route).toBeUndefined();
    expect((await api(bed.server, '/api/routes')).body.routes.map((route: { id: string }) => route.id)).toEqual(before);

    const made = await api(bed.server, '/api/routes', { method: 'POST', body: { title: 'Made route', startDate: '2025-02-03', endDate: '2025-02-04' } });
    expect(made.status).toBe(201);
    await bed.restart();
    const routes = (await api(bed.server, '/api/routes')).body.routes as Array<{ id: string; title: string }>;
    expect(routes.map((route) => route.title).sort()).toEqual(['Made route', 'Test route']);
    const madeCodes = (await api(bed.server, `/api/routes/${made.body.route.id}/join-codes`)).body;
    expect(Object.keys(madeCodes).sort()).toEqual(['committee', 'facilitator', 'participant', 'screen']);
    expect((await api(bed.server, '/api/join', { method: 'POST', token: null, body: { code: madeCodes.participant, name: 'Dee' } })).status).toBe(201);
  });
});
