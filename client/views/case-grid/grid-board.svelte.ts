import { focusCard, keepBoardInStep } from '../../components/cards/board-effects.svelte.ts';
import { BoardPeople } from '../../components/cards/board-people.svelte.ts';
import { BoardView } from '../../components/cards/board-view.svelte.ts';
import { BoardGestures } from '../../components/cards/gestures.svelte.ts';
import { handleBoardKey } from '../../components/cards/keyboard.ts';
import { cellKey, computeLayout, type BoardLayout, type LayoutParams } from '../../components/cards/layout.ts';
import { Selection } from '../../components/cards/selection.svelte.ts';
import { axisName } from './axis-name.ts';
import { BoardCards, gridBoardInput, gridCellOf, rowsToShow, type GridShape } from './grid-axes.ts';
import { GridData } from './grid-data.svelte.ts';
import { GridEdits } from './grid-edits.svelte.ts';
import { GridGroup } from './grid-group.svelte.ts';
import { GridHidden } from './grid-hidden.svelte.ts';
import { withHidden } from '../../lib/hidden/with-hidden.ts';
import { MixedHistory } from '../../lib/hidden/mixed-history.svelte.ts';
import type { ServerHistory } from '../../lib/hidden/server-history.svelte.ts';
import { TemplateEdits } from './template-edits.svelte.ts';
import { t } from './i18n/messages.ts';

const common = { gap: 10, padding: 14, riverHeight: 0, outflowWidth: 0, addSlot: true };
/** A laptop or projector: rows down, perspectives across, cells growing to three cards wide. */
export const gridParams: LayoutParams = { ...common, cardWidth: 184, cardHeight: 112, labelWidth: 230, headerHeight: 56, minColumnWidth: 410, maxPerRow: 3, rowRatio: 1 };
/** A phone (390 px): one row, the perspectives under each other, one card a row, at zoom 1. */
export const phoneParams: LayoutParams = { ...common, cardWidth: 222, cardHeight: 104, labelWidth: 120, headerHeight: 44, minColumnWidth: 250, maxPerRow: 1, rowRatio: 1 };
export const gridFontSize = 14;
const phoneWidth = 600;

export type Editing = { kind: 'edit'; id: string } | { kind: 'draft'; rowId: string; columnId: string };

/** Everything one person's grid page holds: documents, group, this tab's edits, view, selection, gestures. */
export class GridBoard {
  readonly data: GridData;
  readonly edits: GridEdits;
  /** The facilitator's template changes, undone apart from their cards. */
  readonly templateEdits: TemplateEdits;
  /** A hidden brainstorm on this grid: this person's cards that wait for the reveal. */
  readonly hidden: GridHidden;
  /** Ctrl+Z for those who change the grid: their changes to it and, during a hidden brainstorm, to hidden cards. */
  readonly #history: MixedHistory;
  readonly view = new BoardView(gridFontSize);
  readonly selection = new Selection();
  readonly gestures: BoardGestures;
  people = $state<BoardPeople | null>(null);
  editing = $state<Editing | null>(null);
  dialog = $state<'add' | 'move' | 'template' | 'photos' | null>(null);
  /** Which group this page shows: this tab's choice, else the person's own, followed live. */
  readonly group: GridGroup;
  /** The row a phone shows. */
  phoneRow = $state<string | null>(null);
  #boardCards = new BoardCards();
  #previous: BoardLayout | undefined;
  #shownFor = '';
  readonly #stop: () => void;

  readonly groupId = $derived.by(() => this.group.resolve(this.data.groups.map((g) => g.id)));
  readonly isPhone = $derived(this.view.width > 0 && this.view.width < phoneWidth);
  readonly groupCards = $derived.by(() => withHidden(this.data.cards, this.hidden.cards).filter((card) => card.groupId === this.groupId));
  readonly rows = $derived.by(() => rowsToShow(this.data.template, this.groupCards));
  readonly shape: GridShape = $derived(this.isPhone ? { kind: 'row', rowId: this.rows.find((r) => r.id === this.phoneRow)?.id ?? this.rows[0]?.id ?? '' } : { kind: 'grid' });
  readonly params = $derived(this.isPhone ? phoneParams : gridParams);
  readonly layout: BoardLayout = $derived.by(() => {
    const labels = { name: axisName, unsorted: t('grid.unsorted') };
    const input = gridBoardInput(this.data.template, this.groupCards, this.shape, labels, this.#boardCards);
    const layout = computeLayout(input, this.params, this.#previous?.params === this.params ? this.#previous : undefined);
    this.#previous = layout;
    return layout;
  });

  constructor(routeId: string, hostId: string, board?: GridData['board']) {
    this.data = new GridData(routeId, hostId, board);
    this.edits = new GridEdits(this.data.caseDoc);
    this.templateEdits = new TemplateEdits(this.data.templates);
    this.hidden = new GridHidden(routeId, hostId);
    this.#history = new MixedHistory(this.edits, this.hidden.history);
    this.group = new GridGroup(routeId, board?.kind === 'experience' ? null : () => this.#leaveGroup());
    this.gestures = new BoardGestures({
      view: this.view,
      selection: this.selection,
      layout: () => this.layout,
      canEdit: () => this.canChange(this.selection.list),
      move: (ids, to) => this.moveCards(ids, { ...gridCellOf(this.shape, to), beforeId: to.beforeId }),
      pointerAt: (point) => this.people?.pointerAt(point),
    });
    this.#stop = $effect.root(() => {
      // Pointers and selections are shared with those on the same group's grid only.
      $effect(() => {
        const people = new BoardPeople(this.data.grid.awareness, `group/${this.groupId}`);
        this.people = people;
        return () => people.destroy();
      });
      keepBoardInStep({ people: () => this.people, selection: this.selection, layout: () => this.layout, view: this.view, content: () => this.content });
      // Each group's grid and each phone row starts at its top left.
      $effect(() => {
        const key = `${this.groupId}/${this.isPhone}/${this.shape.kind === 'row' ? this.shape.rowId : ''}`;
        if (key === this.#shownFor || !this.data.isLoaded || this.view.width === 0) return;
        this.#shownFor = key;
        this.view.showStart(this.content, this.isPhone ? 1 : 0.8);
      });
    });
  }

  /** Changing the shared cards: refused by the server during a hidden brainstorm, so not offered. */
  get canEdit(): boolean {
    return this.data.canWrite && this.groupId !== '' && !this.hidden.takesCards;
  }

  /**
   * Whether these cards may be edited, moved or deleted here: the shared ones where the grid takes changes;
   * during a hidden brainstorm, a participant's own hidden cards alone (on the server's hidden list), and a
   * facilitator's everyone's (the server lets them). One kind at a time: a step goes to one place.
   */
  canChange(ids: string[]): boolean {
    if (ids.length === 0) return false;
    if (this.#onHiddenList(ids)) return this.groupId !== '' && (this.hidden.takesCards || (this.hidden.directs && this.hidden.isHidden));
    return this.canEdit && !ids.some((id) => this.hidden.has(id));
  }

  /** Whether these cards wait on the server's hidden list (their changes go there, not to the grid). */
  #onHiddenList(ids: string[]): boolean {
    return ids.length > 0 && ids.every((id) => this.hidden.has(id));
  }

  /** What Ctrl+Z takes back here: the grid's changes (and a facilitator's to hidden cards), or a participant's hidden cards'. */
  get undoable(): MixedHistory | ServerHistory | null {
    return this.hidden.takesCards ? this.hidden.history : this.canEdit ? this.#history : null;
  }

  moveCards(ids: string[], to: { rowId: string; columnId: string; beforeId?: string | null }): void {
    if (!this.canChange(ids)) return;
    if (this.#onHiddenList(ids)) void this.hidden.change(ids, { rowId: to.rowId, columnId: to.columnId });
    else this.#history.sharedChange(() => this.edits.move(ids, to));
  }

  editCards(ids: string[], fields: { text?: string; color?: string }): void {
    if (!this.canChange(ids)) return;
    if (this.#onHiddenList(ids)) void this.hidden.change(ids, fields);
    else this.#history.sharedChange(() => this.edits.edit(ids, fields));
  }

  removeCards(ids: string[]): void {
    if (!this.canChange(ids)) return;
    if (this.#onHiddenList(ids)) void this.hidden.remove(ids);
    else this.#history.sharedChange(() => this.edits.remove(ids));
  }

  /** Adding a card: to the grid, or while it is hidden, to the server's hidden list. */
  get canAdd(): boolean {
    return this.canEdit || (this.hidden.takesCards && this.groupId !== '');
  }

  /** A new card in this group: its id once made (null when the hidden list refused it). */
  async addCard(cell: { text: string; rowId: string; columnId: string; photos?: string[] }): Promise<string | null> {
    const card = { ...cell, groupId: this.groupId };
    return this.hidden.takesCards ? this.hidden.addCard(card) : this.#history.sharedChange(() => this.edits.add(card));
  }

  get content(): { x: number; y: number; width: number; height: number } {
    return { x: 0, y: 0, width: this.layout.width, height: this.layout.height };
  }

  chooseGroup(groupId: string): void {
    this.group.choose(groupId);
    this.#leaveGroup();
  }

  /** What was selected or being written belongs to the group left. */
  #leaveGroup(): void {
    this.selection.clear();
    this.editing = null;
  }

  /** The grid cell of a board cell, for the current shape. */
  cellOf(board: { streamId: string; dayId: string }): { rowId: string; columnId: string } {
    return gridCellOf(this.shape, board);
  }

  keydown = (event: KeyboardEvent): void => {
    const used = handleBoardKey(event, {
      layout: () => this.layout,
      selection: this.selection,
      // Per card below: during a hidden brainstorm a participant's own cards can be changed, and N adds.
      canEdit: () => this.canEdit || this.hidden.takesCards,
      focus: (id) => void this.focus(id),
      edit: (id) => {
        if (this.canChange([id])) this.editing = { kind: 'edit', id };
      },
      addNextTo: (id) => this.addNextTo(id),
      move: (ids, to) => this.moveCards(ids, this.cellOf(to)),
      remove: (ids) => this.removeCards(ids),
      cancelGesture: () => this.gestures.cancel(),
    });
    if (used) event.preventDefault();
  };

  dblclick = (): void => {
    const id = this.gestures.pressedCardId;
    if (id !== null && this.canChange([id])) this.editing = { kind: 'edit', id };
  };

  focus(id: string): Promise<void> {
    return focusCard(this.view, () => this.layout, id, this.isPhone ? 150 : 90);
  }

  /** Saved with Enter, the keyboard stays on the board (for a new card, in the next new card's editor). */
  finishEditing(text: string, byKey: boolean): void {
    const editing = this.editing;
    this.editing = null;
    if (!editing || !this.canAdd) return;
    if (editing.kind === 'edit') {
      if (!this.canChange([editing.id])) return;
      if (text !== '' && text !== this.groupCards.find((card) => card.id === editing.id)?.text) this.editCards([editing.id], { text });
      if (byKey) void this.focus(editing.id);
    } else if (text !== '') {
      void this.addCard({ text, rowId: editing.rowId, columnId: editing.columnId });
      if (byKey) this.editing = { ...editing };
    }
  }

  cancelEditing(): void {
    const editing = this.editing;
    this.editing = null;
    if (!editing) return;
    const board = editing.kind === 'draft' ? this.boardCellOf(editing) : null;
    const last = editing.kind === 'edit' ? editing.id : this.layout.cells.get(cellKey(board!.streamId, board!.dayId))?.at(-1)?.id;
    if (last !== undefined) {
      this.selection.active = last;
      void this.focus(last);
    }
  }

  /**
   * Where a pasted picture goes: onto the card being written or the only one selected; while a new card is
   * being written in a cell, into a new card there holding what was typed (`text`) and the picture.
   */
  pasteTarget(text: string): ((photoId: string) => void) | null {
    // During a hidden brainstorm, a participant's photos go onto their own hidden cards (kept from the others).
    if (!this.canAdd) return null;
    const editing = this.editing;
    if (editing?.kind === 'draft') {
      this.editing = null;
      return (photoId) =>
        void this.addCard({ text, rowId: editing.rowId, columnId: editing.columnId, photos: [photoId] }).then((id) => {
          if (id === null) return;
          this.selection.selectOnly(id);
          void this.focus(id);
        });
    }
    const id = editing?.kind === 'edit' ? editing.id : this.selection.size === 1 ? this.selection.list[0] : undefined;
    return id === undefined || !this.canChange([id]) ? null : (photoId) => this.addPhoto(id, photoId);
  }

  /** Whether this card's photos may be added or taken off here (see `canChange`). */
  canChangePhotos(id: string): boolean {
    return this.canChange([id]);
  }

  addPhoto(id: string, photoId: string): void {
    if (!this.canChange([id])) return;
    if (this.#onHiddenList([id])) void this.hidden.addPhoto(id, photoId);
    else this.#history.sharedChange(() => this.edits.addPhoto(id, photoId));
  }

  removePhoto(id: string, photoId: string): void {
    if (!this.canChange([id])) return;
    if (this.#onHiddenList([id])) void this.hidden.removePhoto(id, photoId);
    else this.#history.sharedChange(() => this.edits.removePhoto(id, photoId));
  }

  addNextTo(id: string): void {
    const card = this.layout.byId.get(id)?.card;
    if (card && this.canAdd) this.editing = { kind: 'draft', ...this.cellOf(card) };
  }

  /** The cell of the focused card, else the first. */
  suggestedCell(): { rowId: string; columnId: string } {
    const active = this.selection.active === null ? undefined : this.layout.byId.get(this.selection.active)?.card;
    if (active) return this.cellOf(active);
    const template = this.data.template;
    return { rowId: (this.shape.kind === 'row' ? this.shape.rowId : template.rows[0]?.id) ?? '', columnId: template.columns[0]?.id ?? '' };
  }

  fit(): void {
    this.view.fit(this.content, 16, 1.5);
  }

  destroy(): void {
    this.#stop();
    this.edits.destroy();
    this.templateEdits.destroy();
    this.hidden.destroy();
    this.group.destroy();
    this.data.destroy();
  }

  /** The board cell of a grid cell, for the current shape. */
  boardCellOf(cell: { rowId: string; columnId: string }): { streamId: string; dayId: string } {
    return this.shape.kind === 'grid' ? { streamId: cell.rowId, dayId: cell.columnId } : { streamId: cell.columnId, dayId: cell.rowId };
  }
}
