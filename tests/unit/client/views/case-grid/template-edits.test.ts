import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TemplateEdits } from '../../../../../client/views/case-grid/template-edits.svelte.ts';
import { CaseDoc, CaseTemplates, gridTemplates, placeCards } from '../../../../../shared/schema/case.ts';

const rowIds = (templates: CaseTemplates, hostId = 'coffee'): string[] => templates.forHost(hostId).rows.map((r) => r.id);

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

describe('TemplateEdits', () => {
  it('undoes and redoes each of the facilitator’s row changes, one step at a time', () => {
    const templates = new CaseTemplates(new Y.Doc());
    const edits = new TemplateEdits(templates);
    const ppp = [...gridTemplates.ppp.rows];
    expect(edits.canUndo).toBe(false);

    edits.removeAxis('route', 'rows', 'actors');
    edits.renameAxis('route', 'rows', 'story', 'Our story');
    edits.moveAxis('route', 'rows', 'results', 0);
    const added = edits.addAxis('route', 'rows', 'Market access');
    expect(rowIds(templates)).toEqual(['results', ...ppp.filter((id) => id !== 'actors' && id !== 'results'), added]);
    expect(edits.canUndo).toBe(true);

    edits.undo();
    expect(rowIds(templates)).not.toContain(added);
    edits.undo();
    expect(rowIds(templates)[0]).toBe('story');
    edits.undo();
    expect(templates.forHost('coffee').rows.find((r) => r.id === 'story')?.label).toBe('');
    edits.undo();
    // The removed row is back in its place; the route again shows the untouched PPP grid.
    expect(rowIds(templates)).toEqual(ppp);
    expect(edits.canUndo).toBe(false);

    edits.redo();
    expect(rowIds(templates)).not.toContain('actors');
    expect(edits.canRedo).toBe(true);
  });

  it('takes back a ready template picked for one host, and a host sent back to the route’s', () => {
    const templates = new CaseTemplates(new Y.Doc());
    const edits = new TemplateEdits(templates);
    edits.apply({ hostId: 'coffee' }, 'swot');
    expect(templates.forHost('coffee').templateId).toBe('swot');
    edits.useRouteTemplate('coffee');
    expect(templates.forHost('coffee').templateId).toBe('ppp');
    edits.undo();
    expect(templates.forHost('coffee').templateId).toBe('swot');
    edits.undo();
    expect(templates.hasOwnTemplate('coffee')).toBe(false);
  });

  it('never takes back another facilitator’s change, nor touches cards', () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    const edits = new TemplateEdits(new CaseTemplates(mine));
    edits.removeAxis('route', 'rows', 'actors');
    sync(mine, theirs);
    new CaseTemplates(theirs).renameAxis('route', 'rows', 'story', 'Their story');
    sync(theirs, mine);

    const grid = new CaseDoc(new Y.Doc());
    grid.addCard({ author: 'Noy', authorId: 'n', groupId: 'g1', rowId: 'actors', columnId: 'community', text: 'The buyer' }, 1);
    const templates = new CaseTemplates(mine);
    expect(placeCards(grid.cards(), templates.forHost('coffee')).unsorted).toBe(1);

    edits.undo();
    expect(rowIds(templates)).toContain('actors');
    expect(templates.forHost('coffee').rows.find((r) => r.id === 'story')?.label).toBe('Their story');
    expect(placeCards(grid.cards(), templates.forHost('coffee')).unsorted).toBe(0);
    expect(grid.cards()).toHaveLength(1);
  });
});
