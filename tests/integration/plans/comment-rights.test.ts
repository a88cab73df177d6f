import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { synced, waitFor, type TestClient } from '../helpers/clients.ts';
import { PlanComments, sharedLinkAuthorId, type Author } from '../../../shared/schema/plan-comments.ts';
import { api } from '../helpers/server.ts';
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
  it('keeps a shared link’s comments no one’s: written under the link’s id, changed only by a facilitator', async () => {
    // A shared participant link names no team either: it writes plans only while every plan is open.
    const opened = await api(route.server, `/api/routes/${route.routeId}/control/settings`, { method: 'POST', token: route.facilitator, body: { everyPlanOpen: true } });
    expect(opened.status).toBe(200);
    const anaClient = await open(ana.token);
    const anaThread = new PlanComments(anaClient.doc).start({ sectionId: 'risks', quote: 'rain', text: 'What if it rains?' }, ana, Date.now());
    await waitFor(() => recordOf(observer.doc, anaThread) !== undefined, 'Ana’s thread forwarded');

    const linkAuthor = { id: sharedLinkAuthorId, name: 'Someone at table 3' };
    const linkClient = await open(route.participantLink);
    await waitFor(() => recordOf(linkClient.doc, anaThread) !== undefined, 'the link’s client has Ana’s thread');
    const linkThread = new PlanComments(linkClient.doc).start({ sectionId: 'risks', quote: 'rain', text: 'Store the seed dry.' }, linkAuthor, Date.now());
    const linkReply = new PlanComments(linkClient.doc).reply(anaThread, 'Then we wait.', linkAuthor, Date.now())!;
    new PlanComments(linkClient.doc).setResolved(anaThread, true);
    await waitFor(() => recordOf(observer.doc, linkThread) !== undefined && recordOf(observer.doc, linkReply) !== undefined, 'the link’s thread and reply forwarded');
    await waitFor(() => recordOf(observer.doc, anaThread)?.get('resolved') === true, 'Ana’s thread resolved through the link');
    linkClient.destroy();

    const attempts: Array<{ name: string; forge(doc: Y.Doc): void }> = [
      { name: 'comment in Ana’s name', forge: (doc) => new PlanComments(doc).start({ sectionId: 'risks', quote: 'x', text: 'Ana agrees.' }, ana, Date.now(), 'forged-by-link') },
      { name: 'comment under a browser’s own id', forge: (doc) => new PlanComments(doc).start({ sectionId: 'risks', quote: 'x', text: 'Mine.' }, { id: 'browser-id', name: 'Me' }, Date.now(), 'forged-by-link') },
      { name: 'edit the link’s thread', forge: (doc) => recordOf(doc, linkThread)!.set('text', 'Changed by another holder.') },
      { name: 'delete the link’s thread', forge: (doc) => new PlanComments(doc).remove(linkThread) },
      { name: 'delete Ana’s thread', forge: (doc) => new PlanComments(doc).remove(anaThread) },
    ];
    for (const attempt of attempts) {
      const forger = await open(route.participantLink);
      attempt.forge(forger.doc);
      await route.roundTrip(observer, forger);
      for (const doc of [observer.doc, await stored(route.participantLink)]) {
        const threads = new PlanComments(doc).threads();
        expect(threads.find((thread) => thread.id === linkThread)?.text, attempt.name).toBe('Store the seed dry.');
        expect(threads.find((thread) => thread.id === anaThread)?.replies.map((reply) => reply.id), attempt.name).toEqual([linkReply]);
        expect(recordOf(doc, 'forged-by-link'), attempt.name).toBeUndefined();
      }
      forger.destroy();
    }
    // A person cannot write as the link either: its comments stay the link's.
    const chanhClient = await open(chanh.token);
    new PlanComments(chanhClient.doc).start({ sectionId: 'risks', quote: 'x', text: 'As the link.' }, { id: sharedLinkAuthorId, name: 'Chanh' }, Date.now(), 'chanh-as-link');
    await route.roundTrip(observer, chanhClient);
    expect(recordOf(await stored(chanh.token), 'chanh-as-link')).toBeUndefined();
    chanhClient.destroy();

    const facilitator = await open(route.facilitator);
    await waitFor(() => recordOf(facilitator.doc, linkThread) !== undefined, 'the facilitator has the link’s thread');
    new PlanComments(facilitator.doc).remove(linkThread);
    await waitFor(() => recordOf(observer.doc, linkThread) === undefined, 'deleted by the facilitator');
    expect(recordOf(await stored(route.participantLink), linkThread)).toBeUndefined();
    anaClient.destroy();
  });
});
