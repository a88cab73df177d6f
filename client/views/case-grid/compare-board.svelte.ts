import { untrack } from 'svelte';
import { focusCard, keepBoardInStep } from '../../components/cards/board-effects.svelte.ts';
import { BoardPeople } from '../../components/cards/board-people.svelte.ts';
import { BoardView } from '../../components/cards/board-view.svelte.ts';
import { BoardGestures } from '../../components/cards/gestures.svelte.ts';
import { handleBoardKey } from '../../components/cards/keyboard.ts';
import { computeLayout, type BoardLayout, type LayoutParams } from '../../components/cards/layout.ts';
import { Selection } from '../../components/cards/selection.svelte.ts';
import { openDoc } from '../../lib/connection/open-doc.ts';
import { ReactiveDeep } from '../../lib/yjs/reactive.svelte.ts';
import { promotedCardIds } from '../../../shared/schema/case.ts';
import { riverDocName } from '../../../shared/schema/doc-kinds.ts';
import { RiverDoc } from '../../../shared/schema/river.ts';
import { axisName } from './axis-name.ts';
import { BoardCards, compareBoardInput } from './grid-axes.ts';
import { GridData } from './grid-data.svelte.ts';
import { t } from './i18n/messages.ts';
import { SynthesisEdits } from './synthesis-edits.svelte.ts';

/**
 * Narrow cells, one card wide, growing to two: six groups of three perspectives still fit a projector's
 * width at a readable zoom.
 */
export const compareParams: LayoutParams = {
  cardWidth: 176,
  cardHeight: 108,
  gap: 8,
  padding: 10,
  labelWidth: 200,
  headerHeight: 64,
  riverHeight: 0,
  minColumnWidth: 196,
  maxPerRow: 2,
  rowRatio: 3,
  outflowWidth: 0,
  addSlot: false,
};
const compareFontSize = 13;

/**
 * The facilitator's comparison of one host's grids: every group side by side, key points marked, and
 * cards promoted into the river's lessons learned. Cards are not moved or edited here.
 */
export class CompareBoard {
  readonly data: GridData;
  /** Key-point marks and promotions, undone together in the order they were made. */
  readonly edits: SynthesisEdits;
  readonly river;
  readonly riverDoc: RiverDoc;
  readonly people: BoardPeople;
  readonly view = new BoardView(compareFontSize);
  readonly selection = new Selection();
  readonly gestures: BoardGestures;
  keyOnly = $state(false);
  rowId = $state<string | null>(null);
  /** What the last promotion did, for the status line. */
  /** How many cards the last promotion copied, said until the next change, undo or redo. */
  #promotion = $state<{ count: number; step: number } | null>(null);
  readonly #promotedIds: ReactiveDeep<Set<string>>;
  #boardCards = new BoardCards();
  #previous: BoardLayout | undefined;
  #hasShownStart = false;
  readonly #stop: () => void;

  readonly layout: BoardLayout = $derived.by(() => {
    const labels = { name: axisName, unsorted: t('grid.unsorted') };
    const filter = { rowId: this.rowId, only: this.keyOnly ? this.data.keyPoints : null };
    const input = compareBoardInput(this.data.template, this.data.cards, this.data.groups, filter, labels, this.#boardCards);
    return (this.#previous = computeLayout(input, compareParams, this.#previous));
  });

  constructor(routeId: string, hostId: string) {
    this.data = new GridData(routeId, hostId);
    this.river = openDoc(riverDocName(routeId));
    const riverDoc = (this.riverDoc = new RiverDoc(this.river.doc));
    this.edits = new SynthesisEdits(this.data.templates, riverDoc);
    this.#promotedIds = new ReactiveDeep(riverDoc.cardsMap, () => promotedCardIds(riverDoc.cards(), hostId));
    this.people = new BoardPeople(this.data.grid.awareness, 'compare');
    this.gestures = new BoardGestures({
      view: this.view,
      selection: this.selection,
      layout: () => this.layout,
      canEdit: () => false,
      move: () => {},
      pointerAt: (point) => this.people.pointerAt(point),
    });
    this.#stop = $effect.root(() => {
      keepBoardInStep({ people: () => this.people, selection: this.selection, layout: () => this.layout, view: this.view, content: () => this.content });
      $effect(() => {
        if (this.#hasShownStart || !this.data.isLoaded || this.view.width === 0) return;
        this.#hasShownStart = true;
        this.view.showStart(this.content, 0.7);
      });
      // Row by row on the projector: each row chosen fills the screen.
      $effect(() => {
        if (this.rowId === null || !this.data.isLoaded) return;
        untrack(() => this.fit());
      });
    });
  }

  get content(): { x: number; y: number; width: number; height: number } {
    return { x: 0, y: 0, width: this.layout.width, height: this.layout.height };
  }

  get promoted(): number | null {
    const promotion = this.#promotion;
    return promotion !== null && promotion.step === this.edits.steps ? promotion.count : null;
  }

  get promotedIds(): Set<string> {
    return this.#promotedIds.value;
  }

  /** Key points and promotion are the facilitator's: they write the route document and the river. */
  get canSynthesise(): boolean {
    return this.data.canEditTemplate && this.river.canWrite;
  }

  keydown = (event: KeyboardEvent): void => {
    const used = handleBoardKey(event, {
      layout: () => this.layout,
      selection: this.selection,
      canEdit: () => false,
      focus: (id) => void focusCard(this.view, () => this.layout, id, 90),
      edit: () => {},
      addNextTo: () => {},
      move: () => {},
      remove: () => {},
      cancelGesture: () => this.gestures.cancel(),
    });
    if (used) event.preventDefault();
  };

  /** Marks the selected cards as key points, or unmarks them when they all are. */
  toggleKeyPoints(): void {
    const ids = this.selection.list;
    const keyPoints = this.data.keyPoints;
    this.edits.mark(this.data.hostId, ids, !ids.every((id) => keyPoints.has(id)));
  }

  /** Copies the selected cards into the river's lessons learned on the host's visit day. */
  promote(): void {
    const dayId = this.data.host?.dayId;
    if (!dayId) return;
    const ids = this.selection.list;
    const cards = this.data.cards.filter((card) => ids.includes(card.id));
    const count = this.edits.promote(cards, { hostId: this.data.hostId, dayId }).length;
    this.#promotion = { count, step: this.edits.steps };
  }

  fit(): void {
    this.view.fit(this.content, 16, 1.5);
  }

  destroy(): void {
    this.#stop();
    this.edits.destroy();
    this.people.destroy();
    this.river.destroy();
    this.data.destroy();
  }
}
