import { describe, expect, it } from 'vitest';
import { synced, waitFor } from '../helpers/clients.ts';
import { api } from '../helpers/server.ts';
import { useRouteTestbed } from './route-testbed.ts';
import { ControlDoc, timeLeft } from '../../../shared/schema/control.ts';

/** Directing the room: spotlight, follow me and the timer, as server actions seen by stock clients. */
describe('directing the room', () => {
  const bed = useRouteTestbed();
  const connect = bed.connect;
  const act = (what: string, body: unknown, token = bed.facilitator) => api(bed.server, `/api/routes/${bed.routeId}/control/${what}`, { method: 'POST', body, token });

  it('moves the spotlight and follow me for every reader of the control document, facilitators only', async () => {
    const screen = connect(`route/${bed.routeId}/control`, bed.participant);
    await synced(screen);
    const control = new ControlDoc(screen.doc);
    expect(control.spotlight()).toEqual({ board: 'river', id: '', part: '', seq: 0 });

    expect((await act('spotlight', { board: 'case', id: 'h1', part: 'row:crops' }, bed.participant)).status).toBe(403);
    const moved = await act('spotlight', { board: 'case', id: 'h1', part: 'row:crops' });
    expect(moved.body.spotlight).toEqual({ board: 'case', id: 'h1', part: 'row:crops', seq: 1 });
    await waitFor(() => control.spotlight().seq === 1, 'spotlight reaches the screen');
    expect(control.spotlight()).toMatchObject({ board: 'case', id: 'h1', part: 'row:crops' });
    // The same choice again is a new change (seq), so a screen scrolled away comes back.
    expect((await act('spotlight', { board: 'case', id: 'h1', part: 'row:crops' })).body.spotlight.seq).toBe(2);
    for (const wrong of [{ board: 'kitchen' }, { board: 'plan', id: '../x' }, { board: 'river', part: 'day/1' }]) {
      const refused = await act('spotlight', wrong);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('invalid_view');
    }

    expect((await act('follow', { board: 'plan', id: 't1', part: '' })).body.follow).toEqual({ board: 'plan', id: 't1', part: '', active: true, seq: 1 });
    await waitFor(() => control.follow().active, 'follow reaches participants');
    expect((await act('follow', { active: false })).body.follow).toMatchObject({ active: false, seq: 2 });
    await waitFor(() => !control.follow().active, 'follow ends');
  });

  it('runs the timer in the server\'s clock: start, pause, resume, extend, reset', async () => {
    const time = await api(bed.server, '/api/time', { token: null });
    expect(typeof time.body.now).toBe('number');

    const viewer = connect(`route/${bed.routeId}/control`, bed.participant);
    await synced(viewer);
    const control = new ControlDoc(viewer.doc);
    expect((await act('timer', { action: 'start', durationMs: 300_000, label: 'Groups' }, bed.participant)).status).toBe(403);
    expect((await act('timer', { action: 'pause' })).body.error).toBe('timer_not_running');

    const started = await act('timer', { action: 'start', durationMs: 300_000, label: 'Groups' });
    expect(started.status).toBe(200);
    const { timer, serverNow } = started.body;
    expect(timer).toMatchObject({ state: 'running', durationMs: 300_000, label: 'Groups' });
    expect(timer.endsAt - serverNow).toBeLessThanOrEqual(300_000);
    await waitFor(() => control.timer().state === 'running', 'timer reaches participants');
    expect(control.timer().endsAt).toBe(timer.endsAt);

    const paused = (await act('timer', { action: 'pause' })).body.timer;
    expect(paused.state).toBe('paused');
    expect(paused.remainingMs).toBeLessThanOrEqual(300_000);
    const extended = (await act('timer', { action: 'extend', byMs: 60_000 })).body.timer;
    expect(extended.remainingMs).toBe(paused.remainingMs + 60_000);
    const resumed = await act('timer', { action: 'resume' });
    expect(timeLeft(resumed.body.timer, resumed.body.serverNow)).toBeLessThanOrEqual(extended.remainingMs);
    await waitFor(() => control.timer().state === 'running', 'resumed');
    expect((await act('timer', { action: 'reset' })).body.timer).toMatchObject({ state: 'idle', durationMs: 360_000 });
    expect((await act('timer', { action: 'start', durationMs: 5 })).body.error).toBe('invalid_duration');

    // The timer is stored like any change: it survives a restart.
    await act('timer', { action: 'start', durationMs: 120_000, label: 'After' });
    await bed.restart();
    const after = connect(`route/${bed.routeId}/control`, bed.participant);
    await synced(after);
    expect(new ControlDoc(after.doc).timer()).toMatchObject({ state: 'running', label: 'After' });
  });
});
