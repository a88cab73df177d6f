import { HiddenCards } from '../../lib/hidden/hidden-cards.svelte.ts';
import { hiddenCardOf } from '../../lib/hidden/with-hidden.ts';
import type { GridCard } from '../../../shared/schema/case.ts';
import { boardTarget } from '../../../shared/schema/control.ts';

/** A hidden brainstorm on this host's grid (see `HiddenCards`): the whole grid is one target. */
export class GridHidden extends HiddenCards {
  readonly #hostId: string;

  readonly cards: GridCard[] = $derived(this.ideas.map((idea) => ({ ...hiddenCardOf(idea), groupId: idea.groupId, rowId: idea.rowId, columnId: idea.columnId })));

  constructor(routeId: string, hostId: string) {
    const target = boardTarget.case(hostId);
    super(routeId, (each) => each === target);
    this.#hostId = hostId;
  }

  get isHidden(): boolean {
    return this.targets.length > 0;
  }

  /** Facilitators write the grid as ever; everyone else's new cards go to the server meanwhile. */
  get takesCards(): boolean {
    return this.isHidden && !this.directs;
  }

  /** Sends a new card to the hidden list: its id, or null with `error` saying why not. */
  addCard(card: { text: string; groupId: string; rowId: string; columnId: string; photos?: string[] }): Promise<string | null> {
    return this.add({ hostId: this.#hostId, ...card });
  }
}
