import sharp from 'sharp';
import { expect } from 'vitest';
import { synced, waitFor, type TestClient } from '../helpers/clients.ts';
import { api } from '../helpers/server.ts';
import type { useRouteTestbed } from './route-testbed.ts';
import { RouteDoc } from '../../../shared/schema/route.ts';

type Testbed = ReturnType<typeof useRouteTestbed>;

/** Ana and Bo, two participants of the bed's route who joined with its code (a team needs to exist). */
export async function joinAnaAndBo(bed: Testbed): Promise<{ ana: string; bo: string; setup: ReturnType<Testbed['connect']> }> {
  const setup = bed.connect(`route/${bed.routeId}`);
  await synced(setup);
  new RouteDoc(setup.doc).add('teams', { id: 't1', name: 'Team one', organisation: '', planTitle: '', community: '' });
  expect(new RouteDoc(setup.doc).read('days').map((day) => day.id)).toEqual(['d1', 'd2']);
  const codes = (await api(bed.server, `/api/routes/${bed.routeId}/join-codes`, { token: bed.facilitator })).body;
  await waitFor(() => new RouteDoc(setup.doc).read('teams').length === 1, 'team');
  const join = async (name: string) => (await api(bed.server, '/api/join', { method: 'POST', token: null, body: { code: codes.participant, name, teamId: 't1' } })).body.token as string;
  return { ana: await join('Ana'), bo: await join('Bo'), setup };
}

/** A small photo uploaded to the route with `token`: its id. */
export async function uploadPhoto(bed: Testbed, token: string): Promise<string> {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#6a8f3c' } }).jpeg().toBuffer();
  const response = await fetch(`${bed.server.url}/api/routes/${bed.routeId}/photos`, { method: 'POST', headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${token}` }, body: jpeg as BodyInit });
  expect(response.status).toBe(201);
  return ((await response.json()) as { photo: { id: string } }).photo.id;
}

/** Everything a client is sent for its document from now on, as bytes. */
export function received(client: TestClient): Buffer[] {
  const updates: Buffer[] = [];
  client.doc.on('update', (update: Uint8Array) => updates.push(Buffer.from(update)));
  return updates;
}
