import type { BoardView } from './board-view.svelte.ts';
import { dropTarget, placementsIn, type BoardLayout, type Rect } from './layout.ts';
import { Pointers, type Point } from './pointers.ts';
import type { Selection } from './selection.svelte.ts';

export interface GestureHost {
  view: BoardView;
  selection: Selection;
  layout(): BoardLayout;
  canEdit(): boolean;
  move(ids: string[], to: { streamId: string; dayId: string; beforeId: string | null }): void;
  /** The pointer's board position for others to see, or null when it leaves the board. */
  pointerAt(point: { x: number; y: number } | null): void;
}

export interface Drag {
  ids: string[];
  dx: number;
  dy: number;
  target: ReturnType<typeof dropTarget>;
}

type Mode =
  | { kind: 'idle' }
  | { kind: 'pan'; moved: boolean; clears: boolean }
  | { kind: 'pinch'; distance: number; middle: Point }
  | { kind: 'press'; id: string; start: Point; pointerType: string }
  /** `start` in board units, so the cards stay under the pointer while the board scrolls beneath. */
  | { kind: 'drag'; start: Point; pointer: Point }
  | { kind: 'box'; start: Point };


/** Mouse moves this far before a press becomes a drag; a finger, before it becomes a pan. */
const dragThreshold = 4;
const touchSlop = 10;
/** A finger held still this long on a card picks it up: a plain touch-drag pans, as on any map. */
const longPress = 380;
/** How close to the board's edge a held card starts scrolling it, and how fast at most (pixels a frame). */
const edgeZone = 56;
const edgeSpeed = 18;

/**
 * Pointer gestures on the board, one set of listeners for the whole viewport (cards have none):
 * drag on empty space pans, two fingers pinch-zoom, the wheel scrolls (zooms with Ctrl, as trackpad
 * pinches arrive), a card dragged with the mouse, or after a long press with a finger, moves to the
 * cell it is dropped on, Shift-drag draws a selection box, and clicks select.
 */
export class BoardGestures {
  drag = $state<Drag | null>(null);
  box = $state<Rect | null>(null);
  /**
   * The card the last press went down on. Pointer capture retargets the click that follows to the
   * viewport, so a double-click learns its card from here.
   */
  pressedCardId: string | null = null;
  readonly #host: GestureHost;
  readonly #pointers = new Pointers();
  #mode: Mode = { kind: 'idle' };
  #origin: Point = { x: 0, y: 0 };
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: GestureHost) {
    this.#host = host;
  }

  pointerdown = (event: PointerEvent & { currentTarget: HTMLElement }): void => {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, button, select, a, [data-no-gesture]')) return;
    if (event.pointerType === 'mouse' && event.button !== 0 && event.button !== 1) return;
    const box = event.currentTarget.getBoundingClientRect();
    this.#origin = { x: box.left, y: box.top };
    const point = this.#local(event);
    this.#pointers.set(event.pointerId, point);
    event.currentTarget.setPointerCapture(event.pointerId);

    // A second finger pinches, even on a card held long enough to drag: the card goes back, as with Escape.
    if (this.#pointers.size === 2) return this.#startPinch();
    if (this.#pointers.size > 1) return;
    const cardElement = event.button === 0 ? target.closest<HTMLElement>('[data-card-id]') : null;
    const cardId = cardElement?.dataset.cardId;
    this.pressedCardId = cardId ?? null;
    const { selection } = this.#host;
    if (cardId !== undefined) {
      cardElement!.focus({ preventScroll: true });
      if (event.shiftKey || event.ctrlKey || event.metaKey) {
        selection.toggle(cardId);
        this.#mode = { kind: 'idle' };
        return;
      }
      if (!selection.has(cardId)) selection.selectOnly(cardId);
      selection.active = cardId;
      this.#mode = { kind: 'press', id: cardId, start: point, pointerType: event.pointerType };
      if (event.pointerType !== 'mouse' && this.#host.canEdit()) {
        this.#timer = setTimeout(() => this.#startDrag(point), longPress);
      }
    } else if (event.shiftKey && event.pointerType === 'mouse') {
      this.#mode = { kind: 'box', start: this.#host.view.toBoard(point.x, point.y) };
    } else {
      this.#mode = { kind: 'pan', moved: false, clears: !event.shiftKey };
    }
  };

  pointermove = (event: PointerEvent): void => {
    const point = this.#local(event);
    if (event.pointerType === 'mouse') this.#host.pointerAt(this.#host.view.toBoard(point.x, point.y));
    const last = this.#pointers.get(event.pointerId);
    if (!last) return;
    this.#pointers.set(event.pointerId, point);
    const mode = this.#mode;
    const { view } = this.#host;
    if (mode.kind === 'pan') {
      if (Math.abs(point.x - last.x) + Math.abs(point.y - last.y) > 0) mode.moved = true;
      view.panBy(point.x - last.x, point.y - last.y);
    } else if (mode.kind === 'pinch') {
      const [a, b] = this.#pointers.pair();
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      const middle = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      view.panBy(middle.x - mode.middle.x, middle.y - mode.middle.y);
      if (mode.distance > 0) view.zoomAt(distance / mode.distance, middle.x, middle.y);
      this.#mode = { kind: 'pinch', distance, middle };
    } else if (mode.kind === 'press') {
      const travel = Math.hypot(point.x - mode.start.x, point.y - mode.start.y);
      if (mode.pointerType === 'mouse' && travel > dragThreshold && this.#host.canEdit()) this.#startDrag(mode.start);
      else if (mode.pointerType !== 'mouse' && travel > touchSlop) {
        clearTimeout(this.#timer);
        this.#mode = { kind: 'pan', moved: true, clears: false };
        view.panBy(point.x - last.x, point.y - last.y);
      }
      if (this.#mode.kind === 'drag') this.#follow(point);
    } else if (mode.kind === 'drag') {
      this.#follow(point);
    } else if (mode.kind === 'box') {
      const end = view.toBoard(point.x, point.y);
      this.box = { x: Math.min(mode.start.x, end.x), y: Math.min(mode.start.y, end.y), width: Math.abs(end.x - mode.start.x), height: Math.abs(end.y - mode.start.y) };
    }
  };

  pointerup = (event: PointerEvent): void => {
    if (!this.#pointers.delete(event.pointerId)) return;
    clearTimeout(this.#timer);
    const mode = this.#mode;
    const { selection } = this.#host;
    if (mode.kind === 'drag' && this.drag?.target && event.type === 'pointerup') {
      const { streamId, dayId, beforeId } = this.drag.target;
      this.#host.move(this.drag.ids, { streamId, dayId, beforeId });
    } else if (mode.kind === 'press') {
      selection.selectOnly(mode.id);
    } else if (mode.kind === 'box' && this.box) {
      selection.set(placementsIn(this.#host.layout(), this.box).map((p) => p.card.id), true);
    } else if (mode.kind === 'pan' && !mode.moved && mode.clears) {
      selection.clear();
    }
    this.drag = null;
    this.box = null;
    // Lifting one finger of a pinch carries on as a pan with the other.
    this.#mode = this.#pointers.size === 1 && mode.kind === 'pinch' ? { kind: 'pan', moved: true, clears: false } : { kind: 'idle' };
  };

  pointerleave = (event: PointerEvent): void => {
    if (event.pointerType === 'mouse') this.#host.pointerAt(null);
  };

  wheel = (event: WheelEvent & { currentTarget: HTMLElement }): void => {
    event.preventDefault();
    const box = event.currentTarget.getBoundingClientRect();
    const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? box.height : 1;
    const { view } = this.#host;
    if (event.ctrlKey || event.metaKey) {
      const delta = Math.max(-100, Math.min(100, event.deltaY * unit));
      view.zoomAt(Math.exp(-delta * 0.005), event.clientX - box.left, event.clientY - box.top);
    } else if (event.shiftKey && event.deltaX === 0) {
      view.panBy(-event.deltaY * unit, 0);
    } else {
      view.panBy(-event.deltaX * unit, -event.deltaY * unit);
    }
  };

  /** Escape while dragging puts the cards back. */
  cancel(): boolean {
    if (this.#mode.kind !== 'drag' && this.#mode.kind !== 'box') return false;
    this.drag = null;
    this.box = null;
    this.#mode = { kind: 'idle' };
    return true;
  }

  #local(event: PointerEvent): Point {
    return { x: event.clientX - this.#origin.x, y: event.clientY - this.#origin.y };
  }

  #startPinch(): void {
    clearTimeout(this.#timer);
    const [a, b] = this.#pointers.pair();
    this.drag = null;
    this.#mode = { kind: 'pinch', distance: Math.hypot(a.x - b.x, a.y - b.y), middle: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
  }

  #startDrag(start: Point): void {
    const mode = this.#mode;
    if (mode.kind !== 'press') return;
    const { selection, view } = this.#host;
    const ids = selection.has(mode.id) ? this.#host.layout().placements.filter((p) => selection.has(p.card.id)).map((p) => p.card.id) : [mode.id];
    this.#mode = { kind: 'drag', start: view.toBoard(start.x, start.y), pointer: start };
    this.drag = { ids, dx: 0, dy: 0, target: null };
    requestAnimationFrame(this.#scrollNearEdges);
  }

  #follow(point: Point): void {
    const mode = this.#mode;
    if (mode.kind !== 'drag' || !this.drag) return;
    mode.pointer = point;
    const board = this.#host.view.toBoard(point.x, point.y);
    this.drag = {
      ids: this.drag.ids,
      dx: board.x - mode.start.x,
      dy: board.y - mode.start.y,
      target: dropTarget(this.#host.layout(), board, this.drag.ids),
    };
  }

  /** While a card is held near an edge of the board, the board scrolls that way, faster nearer the edge. */
  #scrollNearEdges = (): void => {
    const mode = this.#mode;
    if (mode.kind !== 'drag') return;
    const { view } = this.#host;
    const push = (at: number, size: number): number =>
      at < edgeZone ? ((edgeZone - at) / edgeZone) * edgeSpeed : at > size - edgeZone ? -((at - size + edgeZone) / edgeZone) * edgeSpeed : 0;
    const dx = push(mode.pointer.x, view.width);
    const dy = push(mode.pointer.y, view.height);
    if (dx !== 0 || dy !== 0) {
      view.panBy(dx, dy);
      this.#follow(mode.pointer);
    }
    requestAnimationFrame(this.#scrollNearEdges);
  };
}
