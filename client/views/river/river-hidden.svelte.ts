import { HiddenCards } from '../../lib/hidden/hidden-cards.svelte.ts';
import { hiddenCardOf } from '../../lib/hidden/with-hidden.ts';
import { boardTarget } from '../../../shared/schema/control.ts';
import type { Card } from '../../../shared/schema/river.ts';

const streamPrefix = boardTarget.stream('');

/** The river's hidden brainstorms (see `HiddenCards`): each stream is a target of its own. */
export class RiverHidden extends HiddenCards {
  readonly cards: Card[] = $derived(this.ideas.map((idea) => ({ ...hiddenCardOf(idea), streamId: idea.streamId, dayId: idea.dayId, source: '' })));

  /** Ids of the streams whose new cards are hidden now. */
  readonly streamIds: string[] = $derived(this.targets.map((target) => target.slice(streamPrefix.length)));

  constructor(routeId: string) {
    super(routeId, (target) => target.startsWith(streamPrefix));
  }

  /** Whether this person's new cards for the stream go to the hidden list (facilitators write the river as ever). */
  takesCardsFor(streamId: string): boolean {
    return this.takesCardsIn(boardTarget.stream(streamId));
  }

  streamOf(id: string): string | undefined {
    return this.ideas.find((idea) => idea.id === id)?.streamId;
  }
}
