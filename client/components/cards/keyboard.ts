import { cellKey, type BoardLayout, type Placement } from './layout.ts';
import type { Selection } from './selection.svelte.ts';

export interface KeyHost {
  layout(): BoardLayout;
  selection: Selection;
  canEdit(): boolean;
  /** Brings the card into view and gives it the keyboard focus. */
  focus(id: string): void;
  edit(id: string): void;
  /** Starts a new card in the same cell as this one. */
  addNextTo(id: string): void;
  move(ids: string[], to: { streamId: string; dayId: string; beforeId: null }): void;
  remove(ids: string[]): void;
  /** Ends a drag or box in progress; false when there was none. */
  cancelGesture(): boolean;
}

type Direction = 'left' | 'right' | 'up' | 'down';
const directions: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

/** The card the arrow key goes to: along the lane for left and right, by rows and then lanes for up and down. */
function neighbour(layout: BoardLayout, from: Placement, direction: Direction): Placement | undefined {
  if (direction === 'left' || direction === 'right') {
    const lane = layout.placements.filter((p) => p.lane === from.lane);
    return lane[lane.indexOf(from) + (direction === 'right' ? 1 : -1)];
  }
  const column = layout.columns[from.column]!;
  const step = direction === 'down' ? 1 : -1;
  const here = layout.cells.get(cellKey(layout.lanes[from.lane]!.stream.id, column.day.id))!;
  const within = here[from.index + step * column.perRow];
  if (within) return layout.byId.get(within.id);
  const offset = from.index % column.perRow;
  for (let lane = from.lane + step; lane >= 0 && lane < layout.lanes.length; lane += step) {
    const cards = layout.cells.get(cellKey(layout.lanes[lane]!.stream.id, column.day.id))!;
    if (cards.length === 0) continue;
    const row = direction === 'down' ? 0 : Math.floor((cards.length - 1) / column.perRow);
    return layout.byId.get(cards[Math.min(cards.length - 1, row * column.perRow + offset)]!.id);
  }
  return undefined;
}

function selectedInOrder(layout: BoardLayout, selection: Selection, active: string): string[] {
  const ids = layout.placements.filter((p) => selection.has(p.card.id)).map((p) => p.card.id);
  return ids.includes(active) ? ids : [active];
}

/**
 * The board's keys, for the card that has focus: arrows go from card to card (Shift adds to the
 * selection), Alt+arrows move the selected cards one day or one stream over, Enter edits, N starts a new
 * card in the same cell, Delete removes, Space toggles, Ctrl+A selects every card shown, Escape lets go. Returns whether it used the key.
 */
export function handleBoardKey(event: KeyboardEvent, host: KeyHost): boolean {
  const target = event.target as HTMLElement;
  if (target.closest('input, textarea, select')) return false;
  const onButton = target.closest('button') !== null;
  const { selection } = host;
  const layout = host.layout();
  const command = event.ctrlKey || event.metaKey;

  if (event.key === 'Escape') return host.cancelGesture() || (selection.size > 0 && (selection.clear(), true));
  if (onButton) return false;
  if (command && event.key.toLowerCase() === 'a') {
    selection.set(layout.placements.map((p) => p.card.id));
    return true;
  }

  // The card with focus leads; without one (focus on the board itself), the last active or the first.
  const focusedId = target.closest<HTMLElement>('[data-card-id]')?.dataset.cardId;
  const activeId = focusedId ?? (selection.active && layout.byId.has(selection.active) ? selection.active : layout.placements[0]?.card.id);
  const active = activeId === undefined ? undefined : layout.byId.get(activeId);
  if (!active) return false;
  const direction = directions[event.key];

  if (direction && event.altKey) {
    if (!host.canEdit()) return false;
    const lane = layout.lanes[active.lane + (direction === 'up' ? -1 : direction === 'down' ? 1 : 0)];
    const column = layout.columns[active.column + (direction === 'left' ? -1 : direction === 'right' ? 1 : 0)];
    if (lane && column) {
      host.move(selectedInOrder(layout, selection, active.card.id), { streamId: lane.stream.id, dayId: column.day.id, beforeId: null });
      host.focus(active.card.id);
    }
    return true;
  }
  if (direction) {
    const next = focusedId !== undefined || selection.active === activeId ? neighbour(layout, active, direction) : active;
    if (!next) return true;
    if (event.shiftKey) selection.ids.add(next.card.id);
    else if (!command) selection.selectOnly(next.card.id);
    selection.active = next.card.id;
    host.focus(next.card.id);
    return true;
  }
  if (event.key === 'Enter' || event.key === 'F2') {
    if (host.canEdit()) host.edit(active.card.id);
    return true;
  }
  if (event.key.toLowerCase() === 'n' && !command && !event.altKey) {
    if (host.canEdit()) host.addNextTo(active.card.id);
    return true;
  }
  if (event.key === ' ') {
    selection.toggle(active.card.id);
    return true;
  }
  if ((event.key === 'Delete' || event.key === 'Backspace') && host.canEdit()) {
    const ids = selectedInOrder(layout, selection, active.card.id);
    const gone = new Set(ids);
    const after = layout.placements.slice(layout.placements.indexOf(active)).find((p) => !gone.has(p.card.id));
    host.remove(ids);
    selection.clear();
    if (after) {
      selection.active = after.card.id;
      host.focus(after.card.id);
    }
    return true;
  }
  return false;
}
