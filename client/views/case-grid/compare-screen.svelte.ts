import { BoardView } from '../../components/cards/board-view.svelte.ts';
import { computeLayout, type BoardLayout, type LayoutParams } from '../../components/cards/layout.ts';
import type { GridAxis } from '../../../shared/schema/case.ts';
import { axisName } from './axis-name.ts';
import { compareRowGroups, type RowGroup } from './compare-row.ts';
import { BoardCards, compareBoardInput } from './grid-axes.ts';
import { GridData } from './grid-data.svelte.ts';
import { t } from './i18n/messages.ts';

/** The comparison's cells with larger cards and type: a projector seen from the back of the room. */
export const compareScreenParams: LayoutParams = {
  cardWidth: 210,
  cardHeight: 132,
  gap: 10,
  padding: 12,
  labelWidth: 230,
  headerHeight: 76,
  riverHeight: 0,
  minColumnWidth: 232,
  maxPerRow: 3,
  rowRatio: 0.6,
  outflowWidth: 0,
  addSlot: false,
};
export const compareScreenFontSize = 17;

/**
 * The room screen's comparison of one host's grids: read only, always fitted to the projector, live; every
 * row at once, or one row at a time (whoever drives the projector steps through them with the arrow keys or
 * a presenter's Page Up / Page Down), and the key points alone on K. It opens no presence, so it is not
 * counted among the people on the grids.
 */
export class CompareScreen {
  readonly data: GridData;
  readonly view = new BoardView(compareScreenFontSize);
  rowId = $state<string | null>(null);
  keyOnly = $state(false);
  #boardCards = new BoardCards();
  #previous: BoardLayout | undefined;
  readonly #stop: () => void;

  readonly row: GridAxis | undefined = $derived.by(() => this.data.template.rows.find((r) => r.id === this.rowId));
  /** Every row: the board, fitted. */
  readonly layout: BoardLayout = $derived.by(() => {
    const labels = { name: axisName, unsorted: t('grid.unsorted') };
    const filter = { rowId: null, only: this.keyOnly ? this.data.keyPoints : null };
    const input = compareBoardInput(this.data.template, this.data.cards, this.data.groups, filter, labels, this.#boardCards);
    return (this.#previous = computeLayout(input, compareScreenParams, this.#previous));
  });

  /** One row: its groups as text of their own, drawn large (compare-row-screen.svelte). */
  readonly rowGroups: RowGroup[] | null = $derived.by(() => {
    const only = this.keyOnly ? this.data.keyPoints : null;
    return this.row ? compareRowGroups(this.data.template, this.data.cards, this.data.groups, this.row.id, only) : null;
  });

  constructor(routeId: string, hostId: string, rowId: string | null) {
    this.data = new GridData(routeId, hostId);
    this.rowId = rowId;
    this.#stop = $effect.root(() => {
      // Refit whenever the grids grow or the window does: nobody pans a projector.
      $effect(() => this.view.fit({ x: 0, y: 0, width: this.layout.width, height: this.layout.height }, 20, 1.6));
    });
  }

  /** Steps to the next or previous row; past either end, every row again. */
  step(by: 1 | -1): void {
    const rows = this.data.template.rows;
    const index = rows.findIndex((r) => r.id === this.row?.id);
    const next = index === -1 ? (by === 1 ? 0 : rows.length - 1) : index + by;
    this.rowId = rows[next]?.id ?? null;
  }

  keydown = (event: KeyboardEvent): void => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown' || event.key === 'PageDown' || event.key === ' ') this.step(1);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp' || event.key === 'PageUp') this.step(-1);
    else if (event.key === 'Home' || event.key === 'Escape') this.rowId = null;
    else if (event.key.toLowerCase() === 'k') this.keyOnly = !this.keyOnly;
    else return;
    event.preventDefault();
  };

  destroy(): void {
    this.#stop();
    this.data.destroy();
  }
}
