import { MixedHistory } from '../../lib/hidden/mixed-history.svelte.ts';
import type { Card } from '../../../shared/schema/river.ts';
import { t } from './i18n/messages.ts';
import type { RiverEdits } from './river-edits.svelte.ts';
import type { RiverHidden } from './river-hidden.svelte.ts';

type NewCard = Pick<Card, 'text' | 'streamId' | 'dayId'> & Partial<Pick<Card, 'color' | 'photos'>>;

/**
 * Where this person's changes to the river's cards go: into the shared river, or, for their cards of a
 * stream in a hidden brainstorm, to the server's hidden list. A participant writes no card of a hidden
 * stream in the shared river (the server refuses it, A3), so those are not offered; one change goes to one
 * place, and Ctrl+Z takes back either kind in the order made.
 */
export class RiverChanges {
  readonly history: MixedHistory;

  constructor(
    private readonly edits: RiverEdits,
    readonly hidden: RiverHidden,
    private readonly canWrite: () => boolean,
    private readonly streamOf: (id: string) => string | undefined,
  ) {
    this.history = new MixedHistory(edits, hidden.history);
  }

  /** Whether a card can be added to the stream here: in a hidden one, only by a person who joined. */
  canAddIn(streamId: string): boolean {
    return this.hidden.takesCardsFor(streamId) ? this.hidden.isPerson : this.canWrite();
  }

  /** Whether these cards may be changed here: all of them hidden ones (the list holds only this person's), or all shared ones the server takes changes to. */
  canChange(ids: string[]): boolean {
    if (ids.length === 0) return false;
    if (this.#onHiddenList(ids)) return true;
    return this.canWrite() && ids.every((id) => !this.hidden.has(id) && !this.hidden.takesCardsFor(this.streamOf(id) ?? ''));
  }

  /** A new card: its id once made (null when the hidden list refused it). */
  async add(card: NewCard): Promise<string | null> {
    if (!this.canAddIn(card.streamId)) {
      if (this.hidden.takesCardsFor(card.streamId)) this.hidden.refuse('add', t('hidden.joinFirst'));
      return null;
    }
    return this.hidden.takesCardsFor(card.streamId) ? this.hidden.add(card) : this.history.sharedChange(() => this.edits.add(card));
  }

  edit(ids: string[], fields: Partial<Pick<Card, 'text' | 'color'>>): void {
    if (!this.canChange(ids)) return;
    if (this.#onHiddenList(ids)) void this.hidden.change(ids, fields);
    else this.history.sharedChange(() => this.edits.edit(ids, fields));
  }

  /** A hidden card moves to another day of its stream only: another stream is another brainstorm. */
  move(ids: string[], to: { streamId: string; dayId: string; beforeId?: string | null }): void {
    if (!this.canChange(ids)) return;
    if (this.#onHiddenList(ids)) {
      if (ids.some((id) => this.hidden.streamOf(id) !== to.streamId)) this.hidden.refuse('change', t('hidden.otherStream'));
      else void this.hidden.change(ids, { dayId: to.dayId });
    } else if (this.hidden.takesCardsFor(to.streamId)) {
      // The server would refuse it: the card would reach everyone's river in a hidden stream.
      this.hidden.refuse('change', t('hidden.intoHidden'));
    } else {
      this.history.sharedChange(() => this.edits.move(ids, to));
    }
  }

  remove(ids: string[]): void {
    if (!this.canChange(ids)) return;
    if (this.#onHiddenList(ids)) void this.hidden.remove(ids);
    else this.history.sharedChange(() => this.edits.remove(ids));
  }

  addPhoto(id: string, photoId: string): void {
    if (!this.canChange([id])) return;
    if (this.#onHiddenList([id])) void this.hidden.addPhoto(id, photoId);
    else this.history.sharedChange(() => this.edits.addPhoto(id, photoId));
  }

  removePhoto(id: string, photoId: string): void {
    if (!this.canChange([id])) return;
    if (this.#onHiddenList([id])) void this.hidden.removePhoto(id, photoId);
    else this.history.sharedChange(() => this.edits.removePhoto(id, photoId));
  }

  /** Links live in the shared river: between two of its cards only. */
  canLink(ids: string[]): boolean {
    return ids.length === 2 && this.canChange(ids) && !this.#onHiddenList(ids);
  }

  toggleLink(from: string, to: string): void {
    if (this.canLink([from, to])) this.history.sharedChange(() => this.edits.toggleLink(from, to));
  }

  #onHiddenList(ids: string[]): boolean {
    return ids.every((id) => this.hidden.has(id));
  }
}
