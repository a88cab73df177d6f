import { describe, expect, it } from 'vitest';
import { synced, waitFor } from '../helpers/clients.ts';
import { api } from '../helpers/server.ts';
import { useRouteTestbed } from './route-testbed.ts';
import { ControlDoc, maxFeatured } from '../../../shared/schema/control.ts';

/** The contributions a facilitator puts before the room: chosen by the server's action, read by every screen. */
describe('chosen contributions for the room screen', () => {
  const bed = useRouteTestbed();
  const choose = (cardId: unknown, featured: unknown, token = bed.facilitator) =>
    api(bed.server, `/api/routes/${bed.routeId}/control/featured`, { method: 'POST', body: { cardId, featured }, token });

  it('lets facilitators choose and let go of cards, latest first, and refuses everyone else and bad input', async () => {
    const screen = connect();
    await synced(screen);
    const control = new ControlDoc(screen.doc);

    const refused = await choose('card-1', true, bed.participant);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/facilitators/);
    expect((await choose('../x', true)).body.error).toBe('invalid_card');
    expect((await choose('card-1', 'yes')).body.error).toBe('invalid_featured');

    expect((await choose('card-1', true)).body.featured).toEqual(['card-1']);
    // Chosen a millisecond apart at least, so the order is the order of choosing.
    await new Promise((resolve) => setTimeout(resolve, 2));
    expect((await choose('card-2', true)).body.featured).toEqual(['card-2', 'card-1']);
    await waitFor(() => control.featured().length === 2, 'the choice reaches the screen');
    expect((await choose('card-2', false)).body.featured).toEqual(['card-1']);
    await waitFor(() => control.featured().length === 1, 'letting go reaches the screen');
  });

  it('keeps the latest choices when more are chosen than a screen can show', async () => {
    for (let i = 0; i <= maxFeatured; i += 1) {
      await choose(`many-${i}`, true);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const { body } = await choose('many-last', true);
    expect(body.featured).toHaveLength(maxFeatured);
    expect(body.featured[0]).toBe('many-last');
    expect(body.featured).not.toContain('many-0');
  });

  it('chooses and lets go of a whole selection in one change', async () => {
    const screen = connect();
    await synced(screen);
    const control = new ControlDoc(screen.doc);
    const changes: number[] = [];
    screen.doc.on('update', () => changes.push(Date.now()));
    const some = (body: unknown) => api(bed.server, `/api/routes/${bed.routeId}/control/featured`, { method: 'POST', body, token: bed.facilitator });

    const chosen = await some({ cardIds: ['sel-1', 'sel-2', 'sel-3'], featured: true });
    expect(chosen.status).toBe(200);
    expect([...chosen.body.featured].sort()).toEqual(['sel-1', 'sel-2', 'sel-3']);
    await waitFor(() => ['sel-1', 'sel-2', 'sel-3'].every((id) => control.featured().includes(id)), 'the selection reaches the screen');
    expect(changes).toHaveLength(1);

    expect((await some({ cardIds: ['sel-1', 'sel-3'], featured: false })).body.featured).toEqual(['sel-2']);
    expect((await some({ cardIds: [], featured: true })).body.error).toBe('invalid_card');
    expect((await some({ cardIds: ['ok', '../x'], featured: true })).body.error).toBe('invalid_card');
    const tooMany = await some({ cardIds: Array.from({ length: 201 }, (_, i) => `c${i}`), featured: true });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toMatch(/1 to 200/);
  });

  function connect() {
    return bed.connect(`route/${bed.routeId}/control`, bed.participant);
  }
});
