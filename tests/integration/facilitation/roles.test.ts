import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, synced, waitFor, type TestClient } from '../helpers/clients.ts';
import { api, docPath, makeDataDir, startTestServer } from '../helpers/server.ts';
import { RouteDoc } from '../../../shared/schema/route.ts';

type Level = 'none' | 'read' | 'write';
type Role = 'facilitator' | 'participant' | 'screen' | 'committee';

/**
 * Every role's read and write on every document kind of its route, with personal tokens from joining,
 * tried by stock y-websocket clients: what a role may not write is neither applied, stored nor forwarded.
 * The participant is in team t1, so plan t1 is theirs and plan t2 is not.
 */
const expected: Record<Role, Record<string, Level>> = {
  facilitator: { setup: 'write', river: 'write', experience: 'write', case: 'write', ownPlan: 'write', otherPlan: 'write', control: 'read' },
  participant: { setup: 'read', river: 'write', experience: 'write', case: 'write', ownPlan: 'write', otherPlan: 'read', control: 'read' },
  screen: { setup: 'read', river: 'read', experience: 'read', case: 'read', ownPlan: 'read', otherPlan: 'read', control: 'read' },
  committee: { setup: 'read', river: 'none', experience: 'none', case: 'none', ownPlan: 'read', otherPlan: 'read', control: 'read' },
};

describe('roles decided by the server', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const clients: TestClient[] = [];
  let routeId: string;
  let otherRouteId: string;
  let facilitatorLink: string;
  const tokens = {} as Record<Role, string>;
  const connect = (docName: string, token?: string): TestClient => {
    const client = connectClient(server.wsUrl, docName, { token });
    clients.push(client);
    return client;
  };
  const docs = (id: string): Record<string, string> => ({
    setup: `route/${id}`,
    river: `route/${id}/river`,
    experience: `route/${id}/experience`,
    case: `route/${id}/case/h1`,
    ownPlan: `route/${id}/plan/t1`,
    otherPlan: `route/${id}/plan/t2`,
    control: `route/${id}/control`,
  });

  beforeEach(async () => {
    data = await makeDataDir();
    server = await startTestServer(data.dir);
    const newRoute = () => api(server, '/api/routes', { method: 'POST', body: { title: 'Test route', startDate: '2025-01-06', endDate: '2025-01-07' } });
    const created = await newRoute();
    routeId = created.body.route.id;
    facilitatorLink = created.body.links.facilitator.token;
    otherRouteId = (await newRoute()).body.route.id;
    const setup = connect(`route/${routeId}`);
    await synced(setup);
    const route = new RouteDoc(setup.doc);
    route.add('teams', { id: 't1', name: 'Team one', organisation: '', planTitle: '', community: '' });
    route.add('teams', { id: 't2', name: 'Team two', organisation: '', planTitle: '', community: '' });
    const check = connect(`route/${routeId}`);
    await synced(check);
    await waitFor(() => new RouteDoc(check.doc).read('teams').length === 2, 'setup stored');
    const codes = (await api(server, `/api/routes/${routeId}/join-codes`, { token: facilitatorLink })).body as Record<Role, string>;
    for (const role of Object.keys(expected) as Role[]) {
      const joined = await api(server, '/api/join', { method: 'POST', token: null, body: { code: codes[role], name: role === 'screen' ? '' : `A ${role}`, teamId: role === 'participant' ? 't1' : undefined } });
      expect(joined.status, role).toBe(201);
      expect(joined.body.role).toBe(role);
      tokens[role] = joined.body.token;
    }
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    await data.remove();
  });

  it('answers each role\'s access to each document kind, and nothing of another route', async () => {
    for (const role of Object.keys(expected) as Role[]) {
      for (const [kind, level] of Object.entries(expected[role])) {
        const answer = await api(server, `${docPath(docs(routeId)[kind]!)}/access`, { token: tokens[role] });
        if (level === 'none') expect(answer.status, `${role} on ${kind}`).toBe(403);
        else expect(answer.body.access, `${role} on ${kind}`).toBe(level);
      }
      for (const name of Object.values(docs(otherRouteId))) {
        expect((await api(server, `${docPath(name)}/access`, { token: tokens[role] })).status, `${role} on ${name}`).toBe(403);
      }
      // The server's own document (people, codes, hidden cards) is never served.
      expect((await api(server, `${docPath(`route/${routeId}/server`)}/access`, { token: tokens[role] })).status).toBe(403);
    }
  });

  it('applies, stores and forwards exactly the writes each role may make, from stock clients', async () => {
    const watchers = Object.fromEntries(Object.entries(docs(routeId)).map(([kind, name]) => [kind, connect(name)]));
    await Promise.all(Object.values(watchers).map(synced));
    for (const role of Object.keys(expected) as Role[]) {
      const writers: Array<[string, TestClient]> = [];
      for (const [kind, level] of Object.entries(expected[role])) {
        if (level === 'none') continue;
        const writer = connect(docs(routeId)[kind]!, tokens[role]);
        writers.push([kind, writer]);
      }
      await Promise.all(writers.map(([, writer]) => synced(writer)));
      for (const [, writer] of writers) writer.doc.getMap('probe').set(role, true);
      // A marker from the admin after the probe: once each writer has it, the server has handled its probe.
      for (const [kind, writer] of writers) {
        const marker = `${role}-${kind}-${Math.random()}`;
        watchers[kind]!.doc.getMap('markers').set(marker, true);
        await waitFor(() => writer.doc.getMap('markers').has(marker), `${role} round trip on ${kind}`);
      }
      for (const [kind, level] of Object.entries(expected[role])) {
        expect(watchers[kind]!.doc.getMap('probe').get(role) === true, `${role} wrote ${kind}`).toBe(level === 'write');
      }
    }
    // Nothing refused was stored: a client connecting after a restart sees the same.
    await server.close();
    server = await startTestServer(data.dir);
    for (const [kind, name] of Object.entries(docs(routeId))) {
      const fresh = connect(name);
      await synced(fresh);
      const written = (Object.keys(expected) as Role[]).filter((role) => fresh.doc.getMap('probe').get(role) === true);
      expect(written, kind).toEqual((Object.keys(expected) as Role[]).filter((role) => expected[role][kind] === 'write'));
    }
  });

  it('keeps the control actions and the people list to the facilitators', async () => {
    for (const role of ['participant', 'screen', 'committee'] as const) {
      const lock = await api(server, `/api/routes/${routeId}/control/locks`, { method: 'POST', token: tokens[role], body: { target: 'river', locked: true } });
      expect(lock.status, role).toBe(403);
      expect((await api(server, `/api/routes/${routeId}/people`, { token: tokens[role] })).status, role).toBe(403);
      expect((await api(server, `/api/routes/${routeId}/join-codes`, { token: tokens[role] })).status, role).toBe(403);
    }
    const lock = await api(server, `/api/routes/${routeId}/control/locks`, { method: 'POST', token: tokens.facilitator, body: { target: 'river', locked: true } });
    expect(lock.body).toEqual({ locks: ['river'] });
    // A facilitator of one route directs no other.
    const elsewhere = await api(server, `/api/routes/${otherRouteId}/control/locks`, { method: 'POST', token: tokens.facilitator, body: { target: 'river', locked: true } });
    expect(elsewhere.status).toBe(403);
  });

  it('lets only those bound by no rule restore a snapshot, so a participant cannot undo a locked stream or the room\'s work', async () => {
    const river = docs(routeId).river!;
    const taken = await api(server, `${docPath(river)}/snapshots`, { method: 'POST', body: { label: 'before' } });
    expect(taken.status).toBe(201);
    const id = taken.body.snapshot.id;
    const byParticipant = await api(server, `${docPath(river)}/snapshots/${id}/restore`, { method: 'POST', token: tokens.participant });
    expect(byParticipant.status).toBe(403);
    expect(byParticipant.body.error).toBe('facilitators_only');
    const byFacilitator = await api(server, `${docPath(river)}/snapshots/${id}/restore`, { method: 'POST', token: tokens.facilitator });
    expect(byFacilitator.status).toBe(200);
  });
});
