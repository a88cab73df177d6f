import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { synced, waitFor } from '../helpers/clients.ts';
import { api, docPath } from '../helpers/server.ts';
import { anchoredThreads, PlanComments } from '../../../shared/schema/plan-comments.ts';
import { PlanDoc } from '../../../shared/schema/plan.ts';
import { planRoute, type PlanRoute } from './plan-route.ts';

/** A paragraph with `marked` carrying a comment mark of `threadId`, as TipTap writes it. */
function commentedParagraph(before: string, marked: string, threadId: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  text.applyDelta([{ insert: before }, { insert: marked, attributes: { comment: { threadId } } }]);
  return paragraph;
}

describe('plan history', () => {
  let route: PlanRoute;
  beforeEach(async () => {
    route = await planRoute();
  });
  afterEach(async () => {
    await route.close();
  });

  it('restores an older version of the text and the tables, keeps every comment, and undoes the restore', async () => {
    const plan = route.planDoc('t1');
    const fay = route.connect(plan, route.facilitator);
    const ana = route.connect(plan, route.ana);
    await Promise.all([synced(fay), synced(ana)]);
    const faysPlan = new PlanDoc(fay.doc);
    const comments = new PlanComments(fay.doc);
    faysPlan.section('problem').insert(0, [commentedParagraph('Dyes fade ', 'in the sun', 'early')]);
    comments.start({ sectionId: 'problem', quote: 'in the sun', text: 'How fast?' }, { id: 'f', name: 'Fay' }, 1, 'early');
    const row = faysPlan.addRow('budget');
    faysPlan.updateRow('budget', row, { item: 'Mordants', requested: 300 });

    const anasPlan = new PlanDoc(ana.doc);
    // Ana has it, so the server has it: the version is taken of what Fay wrote.
    await waitFor(() => anasPlan.rows('budget')[0]?.requested === 300 && new PlanComments(ana.doc).threads().length === 1, 'first edits reach Ana');
    const saved = await api(route.server, `${docPath(plan)}/snapshots`, { method: 'POST', body: { label: 'Before the fair' }, token: route.ana });
    expect(saved.status).toBe(201);

    // After the version: the text is rewritten, the budget grows, and a new thread starts on new words.
    faysPlan.section('problem').delete(0, 1);
    faysPlan.section('problem').insert(0, [commentedParagraph('Buyers want ', 'brighter colours', 'late')]);
    comments.start({ sectionId: 'problem', quote: 'brighter colours', text: 'Which buyers?' }, { id: 'f', name: 'Fay' }, 2, 'late');
    comments.reply('early', 'Two months.', { id: 'a', name: 'Ana' }, 3);
    faysPlan.updateRow('budget', row, { requested: 1800 });
    await waitFor(() => anasPlan.rows('budget')[0]?.requested === 1800 && new PlanComments(ana.doc).threads().length === 2, 'later edits reach Ana');

    // Participants may not restore (it would undo everyone's work past the rules); the facilitator may.
    const id = saved.body.snapshot.id as number;
    expect((await api(route.server, `${docPath(plan)}/snapshots/${id}/restore`, { method: 'POST', token: route.ana })).status).toBe(403);
    const restored = await api(route.server, `${docPath(plan)}/snapshots/${id}/restore`, { method: 'POST', token: route.facilitator });
    expect(restored.status).toBe(200);

    await waitFor(() => anasPlan.rows('budget')[0]?.requested === 300, 'restored budget reaches Ana');
    expect(anasPlan.section('problem').toString()).toContain('Dyes fade');
    expect(anasPlan.section('problem').toString()).not.toContain('Buyers want');
    // Every thread and reply is still there; the old thread is anchored again, the new one keeps its quote.
    const threads = new PlanComments(ana.doc).threads();
    expect(threads.map((thread) => thread.id)).toEqual(['early', 'late']);
    expect(threads[0]!.replies.map((reply) => reply.text)).toEqual(['Two months.']);
    expect([...anchoredThreads(anasPlan.section('problem')).keys()]).toEqual(['early']);
    expect(threads[1]!.quote).toBe('brighter colours');

    // The restore is undone by restoring what the server saved just before it.
    const undo = await api(route.server, `${docPath(plan)}/snapshots/${restored.body.safety.id}/restore`, { method: 'POST', token: route.facilitator });
    expect(undo.status).toBe(200);
    await waitFor(() => anasPlan.rows('budget')[0]?.requested === 1800, 'undone restore reaches Ana');
    expect(anasPlan.section('problem').toString()).toContain('Buyers want');
    expect(new PlanComments(ana.doc).threads()).toHaveLength(2);
  });
});
