import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CaseDoc,
  CaseTemplates,
  caseCardSource,
  gridTemplates,
  parseCaseCardSource,
  placeCards,
  promotedCardIds,
  promoteToRiver,
  templateOf,
  unsortedId,
} from '../../../../shared/schema/case.ts';
import { RiverDoc } from '../../../../shared/schema/river.ts';

const ids = (axes: Array<{ id: string }>): string[] => axes.map((a) => a.id);

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

describe('CaseTemplates', () => {
  it('shows the PPP grid until a facilitator picks another, per route or per host', () => {
    const templates = new CaseTemplates(new Y.Doc());
    expect(templates.forHost('coffee')).toEqual(templateOf('ppp'));
    expect(ids(templates.forHost('coffee').rows)).toEqual([...gridTemplates.ppp.rows]);
    expect(ids(templates.forHost('coffee').columns)).toEqual(['community', 'publicSector', 'privateSector']);

    templates.apply('route', 'swot');
    expect(templates.forHost('coffee').templateId).toBe('swot');
    templates.apply({ hostId: 'dyes' }, 'success');
    expect(templates.forHost('dyes').templateId).toBe('success');
    expect(templates.forHost('coffee').templateId).toBe('swot');
    expect(templates.hasOwnTemplate('dyes')).toBe(true);
    templates.useRouteTemplate('dyes');
    expect(templates.forHost('dyes').templateId).toBe('swot');
  });

  it('adds, renames, reorders and removes rows and columns', () => {
    const templates = new CaseTemplates(new Y.Doc());
    const scope = 'route' as const;
    const added = templates.addAxis(scope, 'rows', 'Market access', 1);
    expect(ids(templates.read(scope).rows).slice(0, 3)).toEqual(['story', added, 'actors']);
    expect(templates.read(scope).rows[1]).toMatchObject({ key: '', label: 'Market access' });

    templates.renameAxis(scope, 'rows', 'story', 'The group’s story');
    expect(templates.read(scope).rows[0]).toMatchObject({ id: 'story', key: 'story', label: 'The group’s story' });

    templates.moveAxis(scope, 'rows', 'story', 99);
    expect(ids(templates.read(scope).rows).at(-1)).toBe('story');
    templates.moveAxis(scope, 'rows', 'story', 0);
    expect(ids(templates.read(scope).rows)[0]).toBe('story');

    templates.removeAxis(scope, 'rows', 'actors');
    expect(ids(templates.read(scope).rows)).not.toContain('actors');

    const column = templates.addAxis(scope, 'columns', 'Civil society');
    templates.moveAxis(scope, 'columns', column, 0);
    expect(ids(templates.read(scope).columns)).toEqual([column, 'community', 'publicSector', 'privateSector']);
    templates.removeAxis(scope, 'columns', 'publicSector');
    expect(ids(templates.read(scope).columns)).toEqual([column, 'community', 'privateSector']);
  });

  it('a first edit of a host that follows the route gives it a copy of what it showed', () => {
    const templates = new CaseTemplates(new Y.Doc());
    templates.apply('route', 'swot');
    templates.renameAxis({ hostId: 'coffee' }, 'rows', 'threats', 'Risks');
    expect(templates.forHost('coffee').rows.map((r) => r.label || r.key)).toEqual(['strengths', 'weaknesses', 'opportunities', 'Risks']);
    expect(templates.read('route').rows.at(-1)!.label).toBe('');
  });

  it('concurrent rename and reorder of one row both win', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    new CaseTemplates(a).apply('route', 'ppp');
    sync(a, b);
    new CaseTemplates(a).renameAxis('route', 'rows', 'results', 'Results so far');
    new CaseTemplates(b).moveAxis('route', 'rows', 'results', 0);
    sync(a, b);
    sync(b, a);
    const row = new CaseTemplates(b).read('route').rows[0]!;
    expect(row).toMatchObject({ id: 'results', label: 'Results so far' });
    expect(new CaseTemplates(a).read('route')).toEqual(new CaseTemplates(b).read('route'));
  });

  it('marks and unmarks key points per host', () => {
    const templates = new CaseTemplates(new Y.Doc());
    templates.setKeyPoint('coffee', ['c1', 'c2'], true);
    templates.setKeyPoint('dyes', ['c1'], true);
    templates.setKeyPoint('coffee', ['c2'], false);
    expect([...templates.keyPoints('coffee')]).toEqual(['c1']);
    expect(templates.isKeyPoint('dyes', 'c1')).toBe(true);
    expect(templates.isKeyPoint('dyes', 'c2')).toBe(false);
  });
});

describe('CaseDoc and placeCards', () => {
  const card = { author: 'Khamla', authorId: 'k', groupId: 'g1', columnId: 'community' };

  it('keeps the cards of a removed row, shown as unsorted, and brings them back with the row', () => {
    const route = new CaseTemplates(new Y.Doc());
    const grid = new CaseDoc(new Y.Doc());
    const kept = grid.addCard({ ...card, text: 'Contracts with an organic trader', rowId: 'partnership' }, 1);
    grid.addCard({ ...card, text: 'Alak families', rowId: 'story' }, 2);

    route.apply('route', 'swot');
    const { placed, unsorted } = placeCards(grid.cards(), route.forHost('asparagus'));
    expect(unsorted).toBe(2);
    expect(placed.find((p) => p.card.id === kept)).toMatchObject({ rowId: unsortedId, columnId: 'community' });
    expect(grid.cards()).toHaveLength(2);

    route.apply('route', 'ppp');
    expect(placeCards(grid.cards(), route.forHost('asparagus')).placed.find((p) => p.card.id === kept)).toMatchObject({ rowId: 'partnership' });
  });

  it('a card whose column is gone goes to the unsorted row, in the first column', () => {
    const route = new CaseTemplates(new Y.Doc());
    route.removeAxis('route', 'columns', 'community');
    const grid = new CaseDoc(new Y.Doc());
    grid.addCard({ ...card, text: 'x', rowId: 'story' }, 1);
    expect(placeCards(grid.cards(), route.read('route')).placed[0]).toMatchObject({ rowId: unsortedId, columnId: 'publicSector' });
  });

  it('adds, edits, moves within one group and deletes', () => {
    const grid = new CaseDoc(new Y.Doc());
    const a = grid.addCard({ ...card, text: 'a', rowId: 'story' }, 1);
    const b = grid.addCard({ ...card, text: 'b', rowId: 'story' }, 2);
    const other = grid.addCard({ ...card, groupId: 'g2', text: 'other group', rowId: 'results' }, 3);
    grid.editCard(a, { text: 'a!', color: '#d6f0d2' }, 4);
    grid.addPhoto(a, 'p1', 4);
    grid.addPhoto(a, 'p2', 5);
    expect(grid.card(a)).toMatchObject({ text: 'a!', color: '#d6f0d2', photos: ['p1', 'p2'], editedAt: 5 });

    grid.moveCards([b], { rowId: 'results', columnId: 'community' });
    grid.moveCards([a], { rowId: 'results', columnId: 'community', beforeId: b });
    expect(grid.cellCards('g1', 'results', 'community').map((c) => c.id)).toEqual([a, b]);
    expect(grid.cellCards('g2', 'results', 'community').map((c) => c.id)).toEqual([other]);

    grid.deleteCards([a]);
    expect(grid.card(a)).toBeNull();
    expect(grid.cards()).toHaveLength(2);
  });
});

describe('promoteToRiver', () => {
  it('copies cards into the lessons stream of the visit day with a link back, once', () => {
    const river = new RiverDoc(new Y.Doc());
    river.ensureStreams();
    const grid = new CaseDoc(new Y.Doc());
    const id = grid.addCard({ author: 'Noy', authorId: 'n', groupId: 'g2', rowId: 'lessons', columnId: 'community', text: 'Trust first, contract second', photos: ['p1', 'p2'] }, 1);

    const made = promoteToRiver(river, [grid.card(id)!], { hostId: 'asparagus', dayId: 'd2' }, 10);
    expect(made).toHaveLength(1);
    expect(river.card(made[0]!)).toMatchObject({ streamId: 'lessons', dayId: 'd2', text: 'Trust first, contract second', author: 'Noy', source: caseCardSource('asparagus', id) });
    // The field photos go with the card.
    expect(river.card(made[0]!)!.photos).toEqual(['p1', 'p2']);
    expect(parseCaseCardSource(river.card(made[0]!)!.source)).toEqual({ hostId: 'asparagus', cardId: id });

    expect([...promotedCardIds(river.cards(), 'asparagus')]).toEqual([id]);
    expect(promotedCardIds(river.cards(), 'coffee').size).toBe(0);
    expect(promoteToRiver(river, [grid.card(id)!], { hostId: 'asparagus', dayId: 'd2' }, 11)).toEqual([]);
    expect(river.cards()).toHaveLength(1);
  });

  it('finds the lessons stream by its kind when the river has its own ids', () => {
    const river = new RiverDoc(new Y.Doc());
    const lessons = river.addStream({ kind: 'lessons', label: '', color: '#3c8a55' });
    const [made] = promoteToRiver(river, [{ id: 'x', text: 't', author: 'a', authorId: 'a', groupId: 'g', rowId: 'r', columnId: 'c', color: '#fff', order: 1, photos: [], createdAt: 1, editedAt: 1 }], { hostId: 'h', dayId: 'd' }, 1);
    expect(river.card(made!)!.streamId).toBe(lessons);
    expect(parseCaseCardSource('river/x')).toBeNull();
  });
});
