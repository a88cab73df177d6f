import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { synced, waitFor } from '../helpers/clients.ts';
import { api, docPath } from '../helpers/server.ts';
import { ControlDoc } from '../../../shared/schema/control.ts';
import { PlanDoc } from '../../../shared/schema/plan.ts';
import { planRoute, type PlanRoute } from './plan-route.ts';

/** A plan's status is the server's decision: submitting locks the plan for participants' stock clients. */
describe('plan status and submission', () => {
  let route: PlanRoute;
  const status = (teamId: string, body: unknown, token: string | null) =>
    api(route.server, `/api/routes/${route.routeId}/plans/${teamId}/status`, { method: 'POST', body, token });
  const problemText = (doc: PlanDoc) => doc.section('problem').toString();

  beforeEach(async () => {
    route = await planRoute();
  });
  afterEach(async () => {
    await route.close();
  });

  it('lets the team present and submit its plan, then refuses its participants\' updates but not the facilitator\'s', async () => {
    const plan = route.planDoc('t1');
    const admin = route.connect(plan);
    const ana = route.connect(plan, route.ana);
    const fay = route.connect(plan, route.facilitator);
    await Promise.all([synced(admin), synced(ana), synced(fay)]);
    const adminPlan = new PlanDoc(admin.doc);

    expect((await status('t1', { status: 'presented' }, route.ana)).body).toEqual({ status: 'presented', snapshot: null });
    // Presented at the fair: still the team's to edit.
    ana.doc.getMap('markers').set('after the fair', true);
    await waitFor(() => admin.doc.getMap('markers').has('after the fair'), 'presented plan still writable');

    const submitted = await status('t1', { status: 'submitted', label: 'Sent to the contest' }, route.ana);
    expect(submitted.status).toBe(200);
    expect(submitted.body.snapshot).toMatchObject({ label: 'Sent to the contest' });
    const control = route.connect(`route/${route.routeId}/control`, route.ana);
    await synced(control);
    expect(new ControlDoc(control.doc).planStatus('t1')).toBe('submitted');
    const snapshots = (await api(route.server, `${docPath(plan)}/snapshots`, { token: route.ana })).body.snapshots;
    expect(snapshots.map((s: { label: string }) => s.label)).toContain('Sent to the contest');

    // Ana's stock client still sends; the server applies, stores and forwards none of it.
    new PlanDoc(ana.doc).section('problem').insert(0, [new Y.XmlText('after submitting')]);
    await route.roundTrip(admin, ana);
    expect(problemText(adminPlan)).not.toContain('after submitting');
    expect((await api(route.server, `${docPath(plan)}/access`, { token: route.ana })).body.access).toBe('read');
    expect((await api(route.server, `${docPath(plan)}/access`, { token: route.facilitator })).body.access).toBe('write');
    // Nor may the team reopen it, or restore a snapshot over it.
    expect((await status('t1', { status: 'draft' }, route.ana)).body.error).toBe('plan_submitted');
    expect((await api(route.server, `${docPath(plan)}/snapshots/${submitted.body.snapshot.id}/restore`, { method: 'POST', token: route.ana })).status).toBe(403);

    // The facilitator still edits it.
    fay.doc.getMap('markers').set('facilitator fix', true);
    await waitFor(() => admin.doc.getMap('markers').has('facilitator fix'), 'facilitator write applied');

    // After a restart it is still submitted and still locked.
    await route.restart();
    const again = route.connect(plan);
    const anaAgain = route.connect(plan, route.ana);
    await Promise.all([synced(again), synced(anaAgain)]);
    anaAgain.doc.getMap('markers').set('after restart', true);
    await route.roundTrip(again, anaAgain);
    expect(again.doc.getMap('markers').has('after restart')).toBe(false);

    // The facilitator reopens it: the refused updates arrive once the client reconnects.
    expect((await status('t1', { status: 'draft' }, route.facilitator)).body).toEqual({ status: 'draft', snapshot: null });
    await waitFor(() => again.doc.getMap('markers').has('after restart'), 'refused update resent after reopening');
  });

  it('refuses another team, the shared participant link, a missing token and bad input', async () => {
    expect((await status('t1', { status: 'submitted' }, route.binh)).status).toBe(403);
    // The shared link names no team, so it writes no plan (unless the route opens every plan) and submits none.
    expect((await status('t1', { status: 'submitted' }, route.participantLink)).status).toBe(403);
    expect((await status('t1', { status: 'submitted' }, null)).status).toBe(401);
    expect((await status('t1', { status: 'finished' }, route.ana)).body.error).toBe('invalid_status');
    expect((await status('t1', { status: 'submitted', label: 5 }, route.ana)).body.error).toBe('invalid_label');
    expect((await status('nope', { status: 'submitted' }, route.facilitator)).status).toBe(404);
    const other = await api(route.server, '/api/routes', { method: 'POST', body: { title: 'Other', startDate: '2025-01-06', endDate: '2025-01-06' } });
    const foreign = await api(route.server, `/api/routes/${route.routeId}/plans/t1/status`, {
      method: 'POST',
      body: { status: 'submitted' },
      token: other.body.links.facilitator.token,
    });
    expect(foreign.status).toBe(403);
    const control = route.connect(`route/${route.routeId}/control`);
    await synced(control);
    expect(new ControlDoc(control.doc).planStatus('t1')).toBe('draft');
  });
});
