import { tick } from 'svelte';
import type { BoardPeople } from './board-people.svelte.ts';
import type { BoardView } from './board-view.svelte.ts';
import type { BoardLayout, Rect } from './layout.ts';
import type { Selection } from './selection.svelte.ts';

/**
 * What every card board keeps in step while it lives (call inside its `$effect.root`): the selection shown
 * to others, cards gone from the layout taken out of the selection, and the view's extent for panning.
 */
export function keepBoardInStep(board: { people(): BoardPeople | null; selection: Selection; layout(): BoardLayout; view: BoardView; content(): Rect }): void {
  $effect(() => board.people()?.shareSelection(board.selection.list));
  $effect(() => {
    const { byId } = board.layout();
    board.selection.keepOnly((id) => byId.has(id));
  });
  $effect(() => {
    board.view.content = board.content();
  });
}

/**
 * Brings a card into view, waits for it to be rendered there, and gives it the keyboard focus. `bar`: how
 * much of the bottom of the view the selection bar covers.
 */
export async function focusCard(view: BoardView, layout: () => BoardLayout, id: string, bar: number): Promise<void> {
  await tick();
  const { byId, params } = layout();
  const placement = byId.get(id);
  if (!placement) return;
  view.reveal({ x: placement.x, y: placement.y, width: params.cardWidth, height: params.cardHeight }, 40, bar);
  await tick();
  document.querySelector<HTMLElement>(`[data-testid="board"] [data-card-id="${CSS.escape(id)}"]`)?.focus({ preventScroll: true });
}
