import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CaseDoc, placeCards } from '../../../../shared/schema/case.ts';
import { experienceColumnId, experienceGroupId, experienceTemplate, teamAreas } from '../../../../shared/schema/experience.ts';

describe('the Experience Fair board', () => {
  const teams = [
    { id: 't1', name: 'Sansai farmers' },
    { id: 't2', name: 'Taliang weavers' },
  ];

  it('has a row per team in the route\'s order, named as the facilitator wrote it, and one column', () => {
    const template = experienceTemplate(teams);
    expect(template.rows.map((row) => [row.id, row.label])).toEqual([['t1', 'Sansai farmers'], ['t2', 'Taliang weavers']]);
    expect(template.columns.map((column) => column.id)).toEqual([experienceColumnId]);
  });

  it('places each card in its team\'s row, a removed team\'s cards under unsorted, and lists a team\'s cards in order', () => {
    const doc = new CaseDoc(new Y.Doc());
    const add = (teamId: string, text: string, order?: number) =>
      doc.addCard({ text, author: 'Ana', authorId: 'a', groupId: experienceGroupId, rowId: teamId, columnId: experienceColumnId, order }, 1);
    add('t1', 'organic asparagus', 2);
    add('t1', 'group savings', 1);
    add('t2', 'natural dyes');
    add('gone', 'from a removed team');
    const { placed, unsorted } = placeCards(doc.cards(), experienceTemplate(teams));
    expect(placed.filter((p) => p.rowId === 't1')).toHaveLength(2);
    expect(unsorted).toBe(1);
    expect(teamAreas(doc.cards(), 't1').map((card) => card.text)).toEqual(['group savings', 'organic asparagus']);
  });
});
