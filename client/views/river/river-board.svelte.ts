import { tick } from 'svelte';
import { focusCard, keepBoardInStep } from '../../components/cards/board-effects.svelte.ts';
import { BoardView } from '../../components/cards/board-view.svelte.ts';
import { CardFilters } from './board/filters.svelte.ts';
import { BoardGestures } from '../../components/cards/gestures.svelte.ts';
import { handleBoardKey } from '../../components/cards/keyboard.ts';
import { cellKey, computeLayout, type BoardLayout, type LayoutParams } from '../../components/cards/layout.ts';
import { riverShape } from './board/river-shape.ts';
import { Selection } from '../../components/cards/selection.svelte.ts';
import { RiverData } from './river-data.svelte.ts';
import { RiverEdits } from './river-edits.svelte.ts';
import { RiverChanges } from './river-changes.svelte.ts';
import { RiverHidden } from './river-hidden.svelte.ts';
import { withHidden } from '../../lib/hidden/with-hidden.ts';
import { BoardPeople } from '../../components/cards/board-people.svelte.ts';

export const boardParams: LayoutParams = {
  cardWidth: 184,
  cardHeight: 112,
  gap: 10,
  padding: 14,
  labelWidth: 200,
  headerHeight: 84,
  riverHeight: 200,
  minColumnWidth: 410,
  maxPerRow: 4,
  rowRatio: 2,
  outflowWidth: 400,
  addSlot: true,
};
/**
 * A phone's river: the stream names on a narrow rail at the left (instead of a fifth of the width) and
 * one card across each day, so two days stand side by side in 390 px at a readable zoom.
 */
const phoneParams: LayoutParams = {
  ...boardParams,
  cardWidth: 168,
  gap: 8,
  padding: 10,
  labelWidth: 36,
  headerHeight: 116,
  riverHeight: 110,
  minColumnWidth: 188,
  maxPerRow: 1,
  outflowWidth: 320,
};
export const boardFontSize = 14;
const phoneWidth = 600;
/**
 * The board opens at its own size: 14 px type draws a 19 px line there, where 80 % drew 15 px lines and
 * 9 px authors' names on a laptop; a laptop still sees the first days, and "fit" shows all of it. A
 * phone opens at 90 %, a 17 px line, with two days across.
 */
const startZoom = { laptop: 1, phone: 0.9 };

/** A card being written on the board: an existing one, or a new one at the end of a cell. */
export type Editing = { kind: 'edit'; id: string } | { kind: 'draft'; streamId: string; dayId: string };

/**
 * Everything one person's river board holds, for the components to show: the documents, this tab's
 * edits and undo, this person's cards of hidden streams, the view, selection, filters, gestures and who
 * else is here.
 */
export class RiverBoard {
  readonly data: RiverData;
  readonly edits: RiverEdits;
  /** Hidden brainstorms in some streams: this person's cards there that wait for the reveal. */
  readonly hidden: RiverHidden;
  /** Every change to cards goes through here: to the shared river or to the hidden list. */
  readonly changes: RiverChanges;
  readonly people: BoardPeople;
  readonly view = new BoardView(boardFontSize);
  readonly selection = new Selection();
  readonly filters = new CardFilters();
  readonly gestures: BoardGestures;
  editing = $state<Editing | null>(null);
  dialog = $state<'add' | 'move' | 'photos' | null>(null);
  #previous: BoardLayout | undefined;
  #hasShownStart = false;
  readonly #stop: () => void;

  readonly isPhone = $derived(this.view.width > 0 && this.view.width < phoneWidth);
  readonly params = $derived(this.isPhone ? phoneParams : boardParams);
  /** The river's cards and, after them in their cells, this person's hidden ones (a facilitator's: everyone's). */
  readonly cards = $derived.by(() => withHidden(this.data.cards, this.hidden.cards));
  readonly shown = $derived.by(() => this.filters.apply(this.cards));
  readonly layout: BoardLayout = $derived.by(() => {
    const layout = computeLayout({ streams: this.data.streams, days: this.data.days, cards: this.shown }, this.params, this.#previous);
    this.#previous = layout;
    return layout;
  });
  readonly shape = $derived.by(() => riverShape(this.layout, this.data.streams, this.data.cards, this.data.teams));

  constructor(routeId: string) {
    this.data = new RiverData(routeId);
    this.edits = new RiverEdits(this.data.riverDoc);
    this.hidden = new RiverHidden(routeId);
    this.changes = new RiverChanges(this.edits, this.hidden, () => this.canEdit, (id) => this.data.riverDoc.card(id)?.streamId);
    this.people = new BoardPeople(this.data.river.awareness);
    this.gestures = new BoardGestures({
      view: this.view,
      selection: this.selection,
      layout: () => this.layout,
      canEdit: () => this.changes.canChange(this.selection.list),
      move: (ids, to) => this.changes.move(ids, to),
      pointerAt: (point) => this.people.pointerAt(point),
    });
    this.#stop = $effect.root(() => {
      keepBoardInStep({ people: () => this.people, selection: this.selection, layout: () => this.layout, view: this.view, content: () => this.content });
      $effect(() => {
        if (this.#hasShownStart || !this.data.isLoaded || this.view.width === 0 || this.data.days.length === 0) return;
        this.#hasShownStart = true;
        this.view.showStart(this.content, this.isPhone ? startZoom.phone : startZoom.laptop);
      });
    });
  }

  get canEdit(): boolean {
    return this.data.canWrite;
  }

  get content(): { x: number; y: number; width: number; height: number } {
    return { x: 0, y: 0, width: this.layout.width, height: this.shape.bottom };
  }

  keydown = (event: KeyboardEvent): void => {
    const used = handleBoardKey(event, {
      layout: () => this.layout,
      selection: this.selection,
      canEdit: () => this.canEdit,
      focus: (id) => void this.focus(id),
      edit: (id) => {
        if (this.changes.canChange([id])) this.editing = { kind: 'edit', id };
      },
      addNextTo: (id) => this.addNextTo(id),
      move: (ids, to) => this.changes.move(ids, to),
      remove: (ids) => this.changes.remove(ids),
      cancelGesture: () => this.gestures.cancel(),
    });
    if (used) event.preventDefault();
  };

  /** Double-click on a card writes in it. */
  dblclick = (): void => {
    const id = this.gestures.pressedCardId;
    if (id !== null && this.changes.canChange([id])) this.editing = { kind: 'edit', id };
  };

  /** Brings a card into view, waits for it to be rendered there, and gives it the keyboard focus. */
  focus(id: string): Promise<void> {
    // The selection bar covers the bottom of the board: about two rows of buttons on a phone.
    return focusCard(this.view, () => this.layout, id, this.isPhone ? 150 : 90);
  }

  /**
   * Saves what the editor holds. Saved with Enter, the keyboard stays on the board: on the card, or for
   * a new card, in the editor of the next one in the same cell. Saved by clicking away, focus stays
   * where the click went.
   */
  finishEditing(text: string, byKey: boolean): void {
    const editing = this.editing;
    this.editing = null;
    if (!editing) return;
    if (editing.kind === 'edit') {
      if (text !== '' && text !== this.cards.find((card) => card.id === editing.id)?.text) this.changes.edit([editing.id], { text });
      if (byKey) void this.focus(editing.id);
    } else if (text !== '') {
      void this.changes.add({ text, streamId: editing.streamId, dayId: editing.dayId });
      // A new object, so the editor starts afresh for the next card.
      if (byKey) this.editing = { ...editing };
    }
  }

  /** Escape: back to the card, or from a new card to the last card of its cell (else its add tile). */
  cancelEditing(): void {
    const editing = this.editing;
    this.editing = null;
    if (!editing) return;
    const last = editing.kind === 'edit' ? editing.id : this.layout.cells.get(cellKey(editing.streamId, editing.dayId))?.at(-1)?.id;
    if (last !== undefined) {
      this.selection.active = last;
      void this.focus(last);
    } else if (editing.kind === 'draft') {
      const slot = `[data-testid="add-slot"][data-stream="${CSS.escape(editing.streamId)}"][data-day="${CSS.escape(editing.dayId)}"]`;
      void tick().then(() => document.querySelector<HTMLElement>(slot)?.focus({ preventScroll: true }));
    }
  }

  /**
   * Where a pasted picture goes: onto the card being written or the only one selected; while a new card is
   * being written in a cell, into a new card there holding what was typed (`text`) and the picture.
   */
  pasteTarget(text: string): ((photoId: string) => void) | null {
    const editing = this.editing;
    if (editing?.kind === 'draft') {
      if (!this.changes.canAddIn(editing.streamId)) return null;
      this.editing = null;
      return (photoId) =>
        void this.changes.add({ text, streamId: editing.streamId, dayId: editing.dayId, photos: [photoId] }).then((id) => {
          if (id === null) return;
          this.selection.selectOnly(id);
          void this.focus(id);
        });
    }
    const id = editing?.kind === 'edit' ? editing.id : this.selection.size === 1 ? this.selection.list[0] : undefined;
    return id === undefined || !this.changes.canChange([id]) ? null : (photoId) => this.changes.addPhoto(id, photoId);
  }

  /** The river's photos change wherever its cards do (a hidden card's on the hidden list). */
  canChangePhotos(id: string): boolean {
    return this.changes.canChange([id]);
  }

  removePhoto(id: string, photoId: string): void {
    this.changes.removePhoto(id, photoId);
  }

  /** N on a card: a new card in the same cell, written in place. */
  addNextTo(id: string): void {
    const card = this.layout.byId.get(id)?.card;
    if (card && this.changes.canAddIn(card.streamId)) this.editing = { kind: 'draft', streamId: card.streamId, dayId: card.dayId };
  }

  /** Where a new card most likely goes: the filtered or focused cell, else today's day, else the first. */
  suggestedCell(): { streamId: string; dayId: string } {
    const active = this.selection.active === null ? undefined : this.layout.byId.get(this.selection.active)?.card;
    // Canadian English writes dates as YYYY-MM-DD, in the local time zone: today as route days are dated.
    const today = new Intl.DateTimeFormat('en-CA').format(Date.now());
    const days = this.data.days;
    return {
      streamId: this.filters.streamId || active?.streamId || this.data.streams[0]?.id || '',
      dayId: this.filters.dayId || active?.dayId || days.find((day) => day.date === today)?.id || days[0]?.id || '',
    };
  }

  fit(): void {
    this.view.fit(this.content, 16, 1.5);
  }

  destroy(): void {
    this.#stop();
    this.people.destroy();
    this.edits.destroy();
    this.hidden.destroy();
    this.data.destroy();
  }
}
