import type { Awareness } from 'y-protocols/awareness';
import { Presence } from '../../lib/presence/presence.svelte.ts';

/** What a card board adds to a person's awareness: their pointer in board units and their selected cards. */
export interface BoardPresence {
  cursor: { x: number; y: number } | null;
  selection: string[];
  /**
   * Which board of the document the person is on, when one document shows several (a host's case
   * document holds every group's grid): pointers and selections show only to those on the same board.
   */
  board: string;
}

/** A pointer moving sends at most this often: forty people's cursors must not crowd out their edits. */
const cursorInterval = 60;

export class BoardPeople {
  readonly presence: Presence<BoardPresence>;
  #sentAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: BoardPresence['cursor'] = null;

  readonly #board: string;

  constructor(awareness: Awareness, board = '') {
    this.presence = new Presence<BoardPresence>(awareness);
    this.#board = board;
    this.presence.setLocal('board', board);
  }

  /** Those on the same board as this person. */
  get peers() {
    return this.presence.peers.filter((peer) => (peer.state.board ?? '') === this.#board);
  }

  /**
   * Others' selections by card, in their colours. Built through a string so that cursor moves, which
   * change awareness all the time, do not re-render the cards.
   */
  readonly #selectionKey = $derived.by(() =>
    JSON.stringify(this.peers.flatMap((peer) => (peer.state.selection?.length ? [[peer.user.color, peer.state.selection]] : []))),
  );
  readonly selectionColors: Readonly<Record<string, string>> = $derived.by(() => {
    const selections = JSON.parse(this.#selectionKey) as Array<[string, string[]]>;
    return Object.fromEntries(selections.flatMap(([color, ids]) => ids.map((id) => [id, color])));
  });

  pointerAt(point: BoardPresence['cursor']): void {
    this.#pending = point && { x: Math.round(point.x), y: Math.round(point.y) };
    const wait = this.#sentAt + cursorInterval - Date.now();
    if (this.#timer !== undefined) return;
    if (wait <= 0) this.#sendCursor();
    else this.#timer = setTimeout(() => this.#sendCursor(), wait);
  }

  shareSelection(ids: string[]): void {
    this.presence.setLocal('selection', ids);
  }

  destroy(): void {
    clearTimeout(this.#timer);
    this.presence.destroy();
  }

  #sendCursor(): void {
    this.#timer = undefined;
    this.#sentAt = Date.now();
    this.presence.setLocal('cursor', this.#pending);
  }
}
