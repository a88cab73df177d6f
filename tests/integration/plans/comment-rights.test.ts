import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { synced, waitFor, type TestClient } from '../helpers/clients.ts';
import { PlanComments, type Author } from '../../../shared/schema/plan-comments.ts';
import { planRoute, type PlanRoute } from './plan-route.ts';

/** The thread or reply `id` as a client's document holds it. */
const recordOf = (doc: Y.Doc, id: string) => new PlanComments(doc).array.toArray().find((map) => map.get('id') === id);

// Comments are their authors' (issue 13), decided by the server for every update a stock client sends (A3).
describe('comment rights', () => {
  let route: PlanRoute;
  let ana: Author & { token: string };
  let chanh: Author & { token: string };
  /** The facilitator's view of plan t1: what the server forwarded. */
  let observer: TestClient;
  let threadId: string;
  let replyId: string;

  beforeAll(async () => {
    route = await planRoute();
    const anaJoined = await route.join('Ana Two', 't1');
    const chanhJoined = await route.join('Chanh', 't1');
    ana = { id: anaJoined.personId, name: 'Ana Two', token: anaJoined.token };
    chanh = { id: chanhJoined.personId, name: 'Chanh', token: chanhJoined.token };
    observer = route.connect(route.planDoc('t1'));
    await synced(observer);
  });
  afterAll(async () => {
    await route.close();
  });

  /** A stock client of plan t1 with `token`, synced. */
  const open = async (token: string): Promise<TestClient> => {
    const client = route.connect(route.planDoc('t1'), token);
    await synced(client);
    return client;
  };
  /** What `token`'s client sent has been handled: a second client of theirs sees what the server holds. */
  const stored = async (token: string): Promise<Y.Doc> => {
    const fresh = await open(token);
    return fresh.doc;
  };

  it('lets a participant comment and reply in their own name, and any team member resolve and reopen', async () => {
    const anaClient = await open(ana.token);
    threadId = new PlanComments(anaClient.doc).start({ sectionId: 'problem', quote: 'dyes', text: 'Which dyes?' }, ana, Date.now());
    await waitFor(() => recordOf(observer.doc, threadId) !== undefined, 'Ana’s thread forwarded');
    const chanhClient = await open(chanh.token);
    replyId = new PlanComments(chanhClient.doc).reply(threadId, 'Indigo and lac.', chanh, Date.now())!;
    await waitFor(() => recordOf(observer.doc, replyId) !== undefined, 'Chanh’s reply forwarded');
    new PlanComments(chanhClient.doc).setResolved(threadId, true);
    await waitFor(() => recordOf(observer.doc, threadId)?.get('resolved') === true, 'resolved by Chanh');
    new PlanComments(chanhClient.doc).setResolved(threadId, false);
    await waitFor(() => recordOf(observer.doc, threadId)?.get('resolved') === false, 'reopened by Chanh');
    anaClient.destroy();
    chanhClient.destroy();
  });

  it('applies, stores and forwards nothing of a participant changing someone else’s comment', async () => {
    const attempts: Array<{ name: string; forge(doc: Y.Doc): void }> = [
      { name: 'edit the text of Ana’s thread', forge: (doc) => recordOf(doc, threadId)!.set('text', 'Nothing to see.') },
      { name: 'rename its author', forge: (doc) => recordOf(doc, threadId)!.set('authorName', 'Chanh') },
      { name: 'delete Ana’s thread', forge: (doc) => new PlanComments(doc).remove(threadId) },
      { name: 'comment in Ana’s name', forge: (doc) => new PlanComments(doc).start({ sectionId: 'problem', quote: 'x', text: 'Ana agrees.' }, ana, Date.now(), 'forged-in-anas-name') },
      { name: 'take over the thread’s id', forge: (doc) => new PlanComments(doc).start({ sectionId: 'problem', quote: 'x', text: 'Mine now.' }, chanh, Date.now(), threadId) },
    ];
    for (const attempt of attempts) {
      const forger = await open(chanh.token);
      attempt.forge(forger.doc);
      // A refused update leaves the forger's later ones hanging on it (until it reconnects), so the sign that
      // the server has handled it is a change from elsewhere reaching the forger.
      await route.roundTrip(observer, forger);
      const held = [observer.doc, await stored(chanh.token)];
      for (const doc of held) {
        const threads = new PlanComments(doc).threads();
        const thread = threads.filter((candidate) => candidate.id === threadId);
        expect(thread, attempt.name).toHaveLength(1);
        expect(thread[0]!.text, attempt.name).toBe('Which dyes?');
        expect(thread[0]!.authorName, attempt.name).toBe('Ana Two');
        expect(thread[0]!.replies.map((reply) => reply.id), attempt.name).toEqual([replyId]);
        expect(recordOf(doc, 'forged-in-anas-name'), attempt.name).toBeUndefined();
      }
      forger.destroy();
    }
  });

  it('lets the author delete their own reply, and their thread with the others’ replies; a facilitator moderates any', async () => {
    const chanhClient = await open(chanh.token);
    const second = new PlanComments(chanhClient.doc).reply(threadId, 'And mud.', chanh, Date.now())!;
    await waitFor(() => recordOf(observer.doc, second) !== undefined, 'second reply forwarded');
    new PlanComments(chanhClient.doc).remove(second);
    await waitFor(() => recordOf(observer.doc, second) === undefined, 'own reply deleted');

    const anaClient = await open(ana.token);
    new PlanComments(anaClient.doc).remove(threadId);
    await waitFor(() => recordOf(observer.doc, threadId) === undefined && recordOf(observer.doc, replyId) === undefined, 'Ana’s thread and Chanh’s reply deleted');

    const anaThread = new PlanComments(anaClient.doc).start({ sectionId: 'users', quote: 'women', text: 'Say how many.' }, ana, Date.now());
    await waitFor(() => recordOf(observer.doc, anaThread) !== undefined, 'a second thread of Ana’s');
    const facilitator = await open(route.facilitator);
    await waitFor(() => recordOf(facilitator.doc, anaThread) !== undefined, 'the facilitator has it');
    new PlanComments(facilitator.doc).remove(anaThread);
    await waitFor(() => recordOf(observer.doc, anaThread) === undefined, 'deleted by the facilitator');
    expect(recordOf(await stored(ana.token), anaThread)).toBeUndefined();
  });
});
