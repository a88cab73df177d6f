import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchoredThreads, PlanComments, rootsKeptOnRestore } from '../../../../shared/schema/plan-comments.ts';

const ana = { id: 'ana', name: 'Ana' };
const binh = { id: 'binh', name: 'Binh' };

describe('plan comments', () => {
  it('keep threads with their replies in order, resolved and reopened', () => {
    const comments = new PlanComments(new Y.Doc());
    const first = comments.start({ sectionId: 'problem', quote: 'dyes fade', text: 'Which dyes?' }, ana, 10);
    const second = comments.start({ sectionId: 'budget', quote: 'seeds', text: 'Too much' }, binh, 5);
    comments.reply(first, 'Indigo and lac.', binh, 20);
    comments.reply(first, 'Thanks', ana, 30);
    expect(comments.reply('nope', 'lost', ana, 40)).toBeNull();
    const threads = comments.threads();
    expect(threads.map((thread) => thread.id)).toEqual([second, first]);
    expect(threads[1]!.replies.map((reply) => reply.text)).toEqual(['Indigo and lac.', 'Thanks']);
    comments.setResolved(first, true);
    expect(comments.threads().find((thread) => thread.id === first)?.resolved).toBe(true);
    comments.setResolved(first, false);
    expect(comments.threads().find((thread) => thread.id === first)?.resolved).toBe(false);
    comments.remove(first);
    expect(comments.threads().map((thread) => thread.id)).toEqual([second]);
    expect(comments.array.length).toBe(1);
  });

  it('find the words each thread is anchored on, also where threads overlap', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('section:problem');
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    fragment.insert(0, [paragraph]);
    text.applyDelta([
      { insert: 'The ' },
      { insert: 'natural dyes', attributes: { comment: { threadId: 't1' } } },
      { insert: ' fade', attributes: { comment: { threadId: 't1' }, 'comment--x1': { threadId: 't2' } } },
      { insert: ' fast.' },
    ]);
    expect(Object.fromEntries(anchoredThreads(fragment))).toEqual({ t1: 'natural dyes fade', t2: ' fade' });
  });

  it('are kept when a plan is restored, and only a plan\'s', () => {
    expect(rootsKeptOnRestore('route/r/plan/t1')).toEqual(['comments']);
    expect(rootsKeptOnRestore('route/r/river')).toEqual([]);
  });
});
