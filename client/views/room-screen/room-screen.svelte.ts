import { ReactiveAwareness } from '../../lib/yjs/reactive.svelte.ts';
import { BoardView } from '../../components/cards/board-view.svelte.ts';
import type { BoardLayout, LayoutParams } from '../../components/cards/layout.ts';
import { riverShape } from '../river/board/river-shape.ts';
import { RiverData } from '../river/river-data.svelte.ts';
import { RoomControl } from '../../lib/control/room-control.svelte.ts';
import { fitScale, riverPart, riverSummary, screenLayout } from './screen-layout.ts';

/**
 * Cards, type and labels sized for a projector seen from the back of the room: the fitted screen is
 * bound by its height, so the river band and the gaps are thin, and the type is large for its card: three
 * lines of it (the page sets `--card-lines`), where 18 px type in larger gaps drew 13.6 px lines.
 */
export const screenParams: LayoutParams = {
  cardWidth: 300,
  // Three lines of 33 px type (1.35) and the author's line below them, in the card's padding: 188 at least.
  cardHeight: 192,
  gap: 8,
  padding: 8,
  // 'Recommendations' on one line in the lanes' bold type (1.1 times the card text, 339 units) and the
  // lane's padding; the units come from the outflow's plans, so the 1920x1080 screen keeps its 24 px lines.
  labelWidth: 380,
  headerHeight: 136,
  riverHeight: 110,
  minColumnWidth: 320,
  maxPerRow: 6,
  rowRatio: 0.6,
  // Plans' places wrap to a second line here, still whole (river-sizes e2e).
  outflowWidth: 560,
  addSlot: false,
};
/**
 * A summed-up river has one or two cards a cell, and the screen is bound by its height: wider days cost
 * nothing and keep each day's date on one line.
 */
const summaryParams: LayoutParams = { ...screenParams, minColumnWidth: 420 };
export const screenFontSize = 33;
/** Below this zoom card text (a line under 14 px) could not be read from the back: each cell shows its newest. */
const readableScale = 14 / (screenFontSize * 1.36);

/**
 * The room screen: the river, read only, always fitted to the projector, following every change.
 * It joins the river's awareness without a person, so it is not counted among those present.
 */
export class RoomScreen {
  readonly data: RiverData;
  readonly control: RoomControl;
  readonly view = new BoardView(screenFontSize);
  readonly #awareness: ReactiveAwareness<{ user: unknown }>;
  readonly #stop: () => void;

  readonly #part: () => string;
  readonly #screen = $derived({ width: this.view.width || 1920, height: this.view.height || 1000 });
  readonly #whole = $derived.by(() => screenLayout({ streams: this.data.streams, days: this.data.days, cards: this.data.cards }, screenParams, this.#screen));
  readonly isSummary = $derived(fitScale(this.#whole, this.#screen.width, this.#screen.height) < readableScale);
  readonly #summary = $derived.by(() => riverSummary(this.data.cards, this.control.featured));
  /** The whole river, or when that would be too small to read, each cell's chosen and newest cards and its count. */
  readonly layout: BoardLayout = $derived.by(() => {
    if (!this.isSummary) return this.#whole;
    const input = { streams: this.data.streams, days: this.data.days, cards: this.#summary.cards };
    return screenLayout(input, summaryParams, this.#screen);
  });
  readonly shape = $derived.by(() => riverShape(this.layout, this.data.streams, this.data.cards, this.data.teams));
  /** The day or stream the facilitator spotlights, with where it is on the board; null for the whole river. */
  readonly part = $derived.by(() => riverPart(this.#part(), this.layout, this.shape.bottom));

  /** `part`: the river's part in the spotlight (`day:<id>`, `stream:<id>`), '' for all of it. */
  constructor(routeId: string, part: () => string = () => '') {
    this.#part = part;
    this.data = new RiverData(routeId);
    this.control = new RoomControl(routeId);
    this.#awareness = new ReactiveAwareness(this.data.river.awareness);
    this.#stop = $effect.root(() => {
      // Refit whenever the river grows, the window changes or the spotlight names a part: nobody pans a
      // projector. A part is zoomed to (its day's column with the headers, its stream's lane with the
      // names), so its day keeps its number and the rest of the river is one spotlight change away.
      $effect(() => {
        if (this.part) this.view.fit(this.part.rect, 24, 4);
        else this.view.fit({ x: 0, y: 0, width: this.layout.width, height: this.shape.bottom }, 24, 1.6);
      });
    });
  }

  /** How many cards each cell holds beyond those shown, by `cellKey`. */
  get more(): Map<string, number> {
    return this.#summary.more;
  }

  /** Whether the facilitator chose this card for the room. */
  isFeatured(cardId: string): boolean {
    return this.control.featured.includes(cardId);
  }

  /** How many cards each lane holds, by stream id, for when the board shows only the newest. */
  get laneTotals(): Map<string, number> | null {
    return this.isSummary ? this.#summary.lanes : null;
  }

  /** People on the river board right now, each browser tab with a name counted once. */
  get people(): number {
    const ids = this.#awareness.states.flatMap(({ state }) => (isPerson(state.user) ? [state.user.id] : []));
    return ids.filter((id, i) => ids.indexOf(id) === i).length;
  }

  destroy(): void {
    this.#stop();
    this.control.destroy();
    this.data.destroy();
  }
}

function isPerson(user: unknown): user is { id: string } {
  return typeof user === 'object' && user !== null && typeof (user as { id?: unknown }).id === 'string';
}
