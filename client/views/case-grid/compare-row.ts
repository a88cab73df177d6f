import { placeCards, sortGridCards, type GridAxis, type GridCard, type GridTemplate } from '../../../shared/schema/case.ts';
import { unsortedAxis } from './grid-axes.ts';

/** One group's cards in one row of the comparison, perspective by perspective. */
export interface RowGroup {
  id: string;
  name: string;
  perspectives: Array<{ axis: GridAxis; cards: GridCard[] }>;
  count: number;
}

/**
 * One row of every group's grid, for the room screen: the groups one after the other, each with its
 * perspectives (the template's columns) in order and their cards in each cell's order. Every group and
 * every perspective is kept, empty or not, so the room compares like with like. `only` keeps just those
 * cards (the key points).
 */
export function compareRowGroups(
  template: GridTemplate,
  cards: GridCard[],
  groups: Array<{ id: string; name: string }>,
  rowId: string,
  only: Set<string> | null,
): RowGroup[] {
  const inRow = placeCards(cards, template).placed.filter((p) => p.rowId === rowId && (only === null || only.has(p.card.id)));
  // A template without columns puts every card in the unsorted column (placeCards): show that one.
  const columns = template.columns.length === 0 ? [unsortedAxis] : template.columns;
  return groups.map((group) => {
    const perspectives = columns.map((axis) => ({
      axis,
      cards: sortGridCards(inRow.filter((p) => p.card.groupId === group.id && p.columnId === axis.id).map((p) => p.card)),
    }));
    return { id: group.id, name: group.name, perspectives, count: perspectives.reduce((sum, p) => sum + p.cards.length, 0) };
  });
}
