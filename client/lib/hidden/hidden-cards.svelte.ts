import { addHiddenIdea, changeHiddenIdea, fetchHiddenIdeas, removeHiddenIdea, type HiddenIdeaChange, type NewHiddenIdea } from '../api/hidden-ideas.ts';
import type { ApiResult } from '../api/request.ts';
import { openDoc } from '../connection/open-doc.ts';
import { tokenFor } from '../connection/token.ts';
import { directsTheRoom, personOfToken, roleOfToken, tokenNamesPerson } from '../control/my-role.ts';
import { ReactiveDeep } from '../yjs/reactive.svelte.ts';
import { ControlDoc, type LockTarget } from '../../../shared/schema/control.ts';
import { controlDocName } from '../../../shared/schema/doc-kinds.ts';
import type { HiddenIdea } from '../../../shared/schema/hidden-ideas.ts';
import { t } from './i18n/messages.ts';
import { ServerHistory } from './server-history.svelte.ts';

/**
 * The hidden brainstorms of one board (a host's case grid, the river's streams), as one person's page sees
 * them. While the facilitator keeps a target hidden, the server takes no participant's writes to it (A3):
 * their new cards go to the server's hidden list, and each person sees their own there (facilitators see
 * all), drawn on the board beside the shared cards until the reveal puts them into it for everyone.
 * Meanwhile they are theirs to edit, move, recolour, give photos and delete, with undo and redo, as the
 * board's cards are (the server checks they are the author's, and serves their photos to no one else);
 * facilitators may change and delete everyone's, and put them back.
 */
export class HiddenCards {
  readonly #connection;
  readonly #targets: ReactiveDeep<LockTarget[]>;
  readonly #count: ReactiveDeep<number>;
  readonly #changed: ReactiveDeep<number>;
  /** The count itself: the map's observer fires at every author's change, a derived only when this count moves. */
  readonly #changeCount = $derived.by(() => this.#changed.value);
  readonly directs: boolean;
  /** A shared link names nobody: it cannot add a card in its own name. */
  readonly isPerson: boolean;
  ideas = $state<HiddenIdea[]>([]);
  error = $state('');
  /** This person's changes to hidden cards, undone and redone on the server. */
  readonly history = new ServerHistory();
  /** How many of this tab's changes have come back from the server. */
  #changes = 0;
  readonly #stop: () => void;

  /** `ofBoard`: whether a hidden-brainstorm target is one of this board's. */
  constructor(
    readonly routeId: string,
    ofBoard: (target: LockTarget) => boolean,
  ) {
    const token = tokenFor(routeId);
    this.directs = directsTheRoom(roleOfToken(token, routeId));
    this.isPerson = tokenNamesPerson(token);
    this.#connection = openDoc(controlDocName(routeId));
    const control = new ControlDoc(this.#connection.doc);
    const targets = (): LockTarget[] => control.hiddenTargets().filter(ofBoard);
    this.#targets = new ReactiveDeep(control.map('hidden'), targets);
    this.#count = new ReactiveDeep(control.map('hiddenCounts'), () => targets().reduce((sum, target) => sum + control.hiddenCount(target), 0));
    // A facilitator sees everyone's cards; a participant only their own, read again only when those change.
    const author = this.directs ? null : personOfToken(token);
    const changes = (): number => targets().reduce((sum, target) => sum + control.hiddenChanges(target, author), 0);
    this.#changed = new ReactiveDeep(control.map('hiddenChanges'), () => (this.directs || author !== null ? changes() : 0));
    this.#stop = $effect.root(() => {
      // Read again when one of the cards this page shows was added, changed or taken back (a facilitator
      // may change a participant's), and when a brainstorm starts or is revealed.
      $effect(() => {
        void this.#changeCount;
        const shown = this.targets;
        if (shown.length === 0 || !(this.directs || this.isPerson)) {
          this.ideas = [];
          // Revealed, the cards are the board's: the board's own undo takes over.
          this.history.clear();
          return;
        }
        let isCurrent = true;
        void (async () => {
          // A list asked for before one of this tab's changes came back is older than what the page shows:
          // it would put a card just moved back where it was. Asked again until none came back meanwhile.
          for (;;) {
            const changes = this.#changes;
            const answer = await fetchHiddenIdeas(routeId);
            if (!isCurrent) return;
            if (changes !== this.#changes) continue;
            if (answer.ok) this.ideas = answer.data.ideas.filter((idea) => shown.includes(idea.target));
            return;
          }
        })();
        return () => (isCurrent = false);
      });
    });
  }

  /** The board's targets whose new cards are hidden now. */
  get targets(): LockTarget[] {
    return this.#targets.value;
  }

  hides(target: LockTarget): boolean {
    return this.targets.includes(target);
  }

  /** How many cards wait for the reveal on this board, everyone's. */
  get count(): number {
    return this.#count.value;
  }

  /** Facilitators write the board as ever; everyone else's new cards for a hidden target go to the server. */
  takesCardsIn(target: LockTarget): boolean {
    return this.hides(target) && !this.directs;
  }

  has(id: string): boolean {
    return this.ideas.some((idea) => idea.id === id);
  }

  /** Sends a new card to the hidden list: its id, or null with `error` saying why not. */
  async add(card: NewHiddenIdea): Promise<string | null> {
    const answer = await addHiddenIdea(this.routeId, card);
    if (!this.#went(answer, 'hidden.failed')) return null;
    const idea = answer.data.idea;
    this.#keep(idea);
    this.history.push({ undo: () => this.#take([idea.id]), redo: () => this.#putBack([idea]) });
    return idea.id;
  }

  /**
   * Another text or colour for these hidden cards of this person's, or another place (a grid cell, a day
   * of the river; after the others there: they keep the order written), as one step.
   */
  async change(ids: string[], change: Omit<HiddenIdeaChange, 'photos'>): Promise<void> {
    const before = this.#own(ids);
    if (before.length === 0) return;
    const keys = Object.keys(change) as Array<keyof typeof change>;
    const there = before.map((idea): [string, HiddenIdeaChange] => [idea.id, change]);
    const back = before.map((idea): [string, HiddenIdeaChange] => [idea.id, Object.fromEntries(keys.map((key) => [key, idea[key]]))]);
    if (await this.#change(there)) this.history.push({ undo: () => this.#change(back), redo: () => this.#change(there) });
  }

  /** A photo for one of this person's hidden cards (stored already); kept from the others as the card is. */
  addPhoto(id: string, photoId: string): Promise<void> {
    return this.#photos(id, (photos) => [...photos, photoId]);
  }

  removePhoto(id: string, photoId: string): Promise<void> {
    return this.#photos(id, (photos) => photos.filter((each) => each !== photoId));
  }

  async #photos(id: string, next: (photos: string[]) => string[]): Promise<void> {
    const before = this.ideas.find((idea) => idea.id === id);
    if (!before) return;
    const there: Array<[string, HiddenIdeaChange]> = [[id, { photos: next(before.photos) }]];
    const back: Array<[string, HiddenIdeaChange]> = [[id, { photos: before.photos }]];
    if (await this.#change(there)) this.history.push({ undo: () => this.#change(back), redo: () => this.#change(there) });
  }

  /** Takes these hidden cards of this person's back; an undo puts them back under their own ids. */
  async remove(ids: string[]): Promise<void> {
    const gone = this.#own(ids);
    if (gone.length === 0) return;
    const goneIds = gone.map((idea) => idea.id);
    if (await this.#take(goneIds)) this.history.push({ undo: () => this.#putBack(gone), redo: () => this.#take(goneIds) });
  }

  /** Says why a card was not added or changed here, as the server's refusals do. */
  refuse(what: 'add' | 'change', message: string): void {
    this.error = t(what === 'add' ? 'hidden.failed' : 'hidden.changeFailed', { message });
  }

  #own(ids: string[]): HiddenIdea[] {
    return this.ideas.filter((idea) => ids.includes(idea.id));
  }

  async #change(changes: Array<[string, HiddenIdeaChange]>): Promise<boolean> {
    const answers = await Promise.all(changes.map(([id, change]) => changeHiddenIdea(this.routeId, id, change)));
    for (const answer of answers) if (answer.ok) this.#keep(answer.data.idea);
    return answers.every((answer) => this.#went(answer, 'hidden.changeFailed'));
  }

  async #take(ids: string[]): Promise<boolean> {
    const answers = await Promise.all(ids.map((id) => removeHiddenIdea(this.routeId, id)));
    // One already gone (taken back in another tab) is as good as taken back here.
    const gone = ids.filter((_, i) => answers[i]!.ok || answers[i]!.status === 404);
    this.#changes += 1;
    this.ideas = this.ideas.filter((idea) => !gone.includes(idea.id));
    const failed = answers.find((answer) => !answer.ok && answer.status !== 404);
    if (failed) return this.#went(failed, 'hidden.changeFailed');
    this.error = '';
    return true;
  }

  async #putBack(ideas: HiddenIdea[]): Promise<boolean> {
    const back = (idea: HiddenIdea): NewHiddenIdea => {
      const { id, text, color, photos, authorId } = idea;
      const place = idea.hostId === '' ? { streamId: idea.streamId, dayId: idea.dayId } : { hostId: idea.hostId, groupId: idea.groupId, rowId: idea.rowId, columnId: idea.columnId };
      // A facilitator's undo puts a participant's card back in its author's name.
      return { id, text, color, photos, ...place, ...(this.directs ? { authorId } : {}) };
    };
    const answers = await Promise.all(ideas.map((idea) => addHiddenIdea(this.routeId, back(idea))));
    for (const answer of answers) if (answer.ok) this.#keep(answer.data.idea);
    return answers.every((answer) => this.#went(answer, 'hidden.changeFailed'));
  }

  #keep(idea: HiddenIdea): void {
    this.#changes += 1;
    this.ideas = this.has(idea.id) ? this.ideas.map((each) => (each.id === idea.id ? idea : each)) : [...this.ideas, idea];
  }

  /** Whether the server did it; if not, `error` says why. */
  #went<T>(answer: ApiResult<T>, key: 'hidden.failed' | 'hidden.changeFailed'): answer is { ok: true; data: T } {
    if (answer.ok) {
      this.error = '';
      return true;
    }
    this.error = t(key, { message: answer.status === 0 ? t('hidden.offline') : answer.message });
    return false;
  }

  destroy(): void {
    this.#stop();
    this.#connection.destroy();
  }
}

