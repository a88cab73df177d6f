import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cumulativeFlow, defaultStreams, RiverDoc, sortCards } from '../../../../shared/schema/river.ts';

const author = { author: 'Khamla', authorId: 'browser-1' };

function river(): RiverDoc {
  const doc = new RiverDoc(new Y.Doc());
  doc.ensureStreams();
  return doc;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('RiverDoc', () => {
  it('gives a new river the six default streams once', () => {
    const r = river();
    r.ensureStreams();
    expect(r.streams().map((s) => s.kind)).toEqual(['knowledge', 'expectations', 'challenges', 'lessons', 'recommendations', 'ideas']);
    expect(r.streams()).toEqual(defaultStreams);
  });

  it('adds cards at the end of their cell with their author and times', () => {
    const r = river();
    const first = r.addCard({ ...author, text: 'one', streamId: 'lessons', dayId: 'd1' }, 1000);
    const second = r.addCard({ ...author, text: 'two', streamId: 'lessons', dayId: 'd1' }, 2000);
    r.addCard({ ...author, text: 'elsewhere', streamId: 'ideas', dayId: 'd1' }, 3000);
    expect(r.cellCards('lessons', 'd1').map((c) => c.id)).toEqual([first, second]);
    expect(r.card(first)).toMatchObject({ text: 'one', author: 'Khamla', createdAt: 1000, editedAt: 1000, color: '#fff4b8' });
  });

  it('edits text and colour and stamps the edit time', () => {
    const r = river();
    const id = r.addCard({ ...author, text: 'draft', streamId: 'lessons', dayId: 'd1' }, 1000);
    r.editCard(id, { text: 'Group cohesion comes first', color: '#d6f0d2' }, 5000);
    expect(r.card(id)).toMatchObject({ text: 'Group cohesion comes first', color: '#d6f0d2', createdAt: 1000, editedAt: 5000 });
    r.editCard('missing', { text: 'x' }, 6000);
    expect(r.cards()).toHaveLength(1);
  });

  it('moves several cards into another cell before a given card, keeping their order', () => {
    const r = river();
    const a = r.addCard({ ...author, text: 'a', streamId: 'lessons', dayId: 'd1' }, 1);
    const b = r.addCard({ ...author, text: 'b', streamId: 'lessons', dayId: 'd1' }, 2);
    const x = r.addCard({ ...author, text: 'x', streamId: 'ideas', dayId: 'd2' }, 3);
    const y = r.addCard({ ...author, text: 'y', streamId: 'ideas', dayId: 'd2' }, 4);
    r.moveCards([b, a], { streamId: 'ideas', dayId: 'd2', beforeId: y });
    expect(r.cellCards('ideas', 'd2').map((c) => c.text)).toEqual(['x', 'a', 'b', 'y']);
    expect(r.cellCards('lessons', 'd1')).toEqual([]);
    r.moveCards([x], { streamId: 'ideas', dayId: 'd2' });
    expect(r.cellCards('ideas', 'd2').map((c) => c.text)).toEqual(['a', 'b', 'y', 'x']);
    r.moveCards([y], { streamId: 'ideas', dayId: 'd2', beforeId: a });
    expect(r.cellCards('ideas', 'd2').map((c) => c.text)).toEqual(['y', 'a', 'b', 'x']);
  });

  it('moves a card within its own cell', () => {
    const r = river();
    const ids = ['a', 'b', 'c'].map((text, i) => r.addCard({ ...author, text, streamId: 'lessons', dayId: 'd1' }, i));
    r.moveCards([ids[2]!], { streamId: 'lessons', dayId: 'd1', beforeId: ids[0] });
    expect(r.cellCards('lessons', 'd1').map((c) => c.text)).toEqual(['c', 'a', 'b']);
  });

  it('keeps a concurrent move and text edit of the same card', () => {
    const one = river();
    const two = new RiverDoc(new Y.Doc());
    const id = one.addCard({ ...author, text: 'draft', streamId: 'lessons', dayId: 'd1' }, 1);
    sync(one.doc, two.doc);
    one.moveCards([id], { streamId: 'recommendations', dayId: 'd3' });
    two.editCard(id, { text: 'final' }, 2);
    sync(one.doc, two.doc);
    for (const r of [one, two]) expect(r.card(id)).toMatchObject({ text: 'final', streamId: 'recommendations', dayId: 'd3' });
  });

  it('settles concurrent moves of one card on the same cell everywhere', () => {
    const one = river();
    const two = new RiverDoc(new Y.Doc());
    const id = one.addCard({ ...author, text: 'c', streamId: 'lessons', dayId: 'd1' }, 1);
    sync(one.doc, two.doc);
    one.moveCards([id], { streamId: 'ideas', dayId: 'd2' });
    two.moveCards([id], { streamId: 'challenges', dayId: 'd4' });
    sync(one.doc, two.doc);
    expect(one.card(id)).toEqual(two.card(id));
  });

  it('deletes cards and the links that touched them, in one transaction', () => {
    const r = river();
    const a = r.addCard({ ...author, text: 'a', streamId: 'lessons', dayId: 'd1' }, 1);
    const b = r.addCard({ ...author, text: 'b', streamId: 'ideas', dayId: 'd2' }, 2);
    const c = r.addCard({ ...author, text: 'c', streamId: 'ideas', dayId: 'd3' }, 3);
    expect(r.linkCards(a, b)).not.toBeNull();
    expect(r.linkCards(b, a)).toBeNull();
    expect(r.linkCards(a, a)).toBeNull();
    const kept = r.linkCards(b, c);
    let transactions = 0;
    r.doc.on('afterTransaction', () => transactions++);
    r.deleteCards([a]);
    expect(transactions).toBe(1);
    expect(r.cards().map((card) => card.text)).toEqual(['b', 'c']);
    expect(r.links().map((link) => link.id)).toEqual([kept]);
  });

  it('removes only empty streams', () => {
    const r = river();
    r.addCard({ ...author, text: 'a', streamId: 'lessons', dayId: 'd1' }, 1);
    expect(r.removeStream('lessons')).toBe(false);
    expect(r.removeStream('ideas')).toBe(true);
    const id = r.addStream({ kind: 'custom', label: 'Gender', color: '#123456' });
    r.updateStream(id, { label: 'Gender equity' });
    expect(r.streams().map((s) => s.label || s.kind)).toEqual(['knowledge', 'expectations', 'challenges', 'lessons', 'recommendations', 'Gender equity']);
  });

  it('moves a stream among the others in one step, keeping its name, colour and cards', () => {
    const r = river();
    r.addCard({ ...author, text: 'a', streamId: 'lessons', dayId: 'd1' }, 1);
    r.updateStream('lessons', { label: 'What we learned', color: '#112233' });
    let transactions = 0;
    r.doc.on('afterTransaction', () => (transactions += 1));
    r.moveStream('lessons', 0);
    expect(transactions).toBe(1);
    expect(r.streams().map((s) => s.id)).toEqual(['lessons', 'knowledge', 'expectations', 'challenges', 'recommendations', 'ideas']);
    expect(r.streams()[0]).toMatchObject({ label: 'What we learned', color: '#112233', kind: 'lessons' });
    r.moveStream('lessons', 99);
    expect(r.streams().at(-1)?.id).toBe('lessons');
    expect(r.cards()[0]?.streamId).toBe('lessons');
  });

  it('reads defensively what a foreign client wrote', () => {
    const r = river();
    const bogus = new Y.Map<unknown>();
    bogus.set('id', 'z');
    bogus.set('order', 'not a number');
    bogus.set('text', 42);
    (r.cardsMap as unknown as Y.Map<unknown>).set('z', bogus);
    expect(r.card('z')).toMatchObject({ id: 'z', text: '', order: 0 });
  });
});

describe('cumulativeFlow', () => {
  it('grows day by day with the contributions so far', () => {
    const cards = sortCards([
      { dayId: 'd1' }, { dayId: 'd1' }, { dayId: 'd3' }, { dayId: 'unknown' },
    ].map((c, i) => ({ ...c, id: `${i}`, text: '', author: '', authorId: '', streamId: 's', color: '', order: i, createdAt: i, editedAt: i, source: '', photos: [] })));
    expect(cumulativeFlow(cards, ['d1', 'd2', 'd3', 'd4'])).toEqual([2, 2, 3, 3]);
    expect(cumulativeFlow([], ['d1'])).toEqual([0]);
  });
});
