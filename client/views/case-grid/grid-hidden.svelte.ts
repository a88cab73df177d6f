import { addHiddenIdea, changeHiddenIdea, fetchHiddenIdeas, removeHiddenIdea, type HiddenIdeaChange, type NewHiddenIdea } from '../../lib/api/hidden-ideas.ts';
import type { ApiResult } from '../../lib/api/request.ts';
import { openDoc } from '../../lib/connection/open-doc.ts';
import { tokenFor } from '../../lib/connection/token.ts';
import { directsTheRoom, personOfToken, roleOfToken, tokenNamesPerson } from '../../lib/control/my-role.ts';
import { ReactiveDeep } from '../../lib/yjs/reactive.svelte.ts';
import type { GridCard } from '../../../shared/schema/case.ts';
import { boardTarget, ControlDoc } from '../../../shared/schema/control.ts';
import { controlDocName } from '../../../shared/schema/doc-kinds.ts';
import type { HiddenIdea } from '../../../shared/schema/hidden-ideas.ts';
import { t } from './i18n/messages.ts';
import { ServerHistory } from './server-history.svelte.ts';

/**
 * A hidden brainstorm on this host's grid, as one person's grid page sees it. While the facilitator
 * keeps the grid hidden, the server takes no participant's writes to it (A3): their new cards go to the
 * server's hidden list, and each person sees their own there (facilitators see all), drawn on the grid
 * beside the shared cards until the reveal puts them into the grid for everyone. Meanwhile they are theirs
 * to edit, move, recolour, give photos and delete, with undo and redo, as the grid's cards are (the server
 * checks they are the author's, and serves their photos to no one else); facilitators may change and delete
 * everyone's, and put them back.
 */
export class GridHidden {
  readonly #connection;
  readonly #target: string;
  readonly #isHidden: ReactiveDeep<boolean>;
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

  readonly cards: GridCard[] = $derived(
    this.ideas.map((idea) => ({
      id: idea.id,
      text: idea.text,
      author: idea.author,
      authorId: idea.authorId,
      groupId: idea.groupId,
      rowId: idea.rowId,
      columnId: idea.columnId,
      color: idea.color,
      // After the grid's own cards of the cell, in the order written.
      order: Number.MAX_SAFE_INTEGER / 2 + idea.createdAt / 1e6,
      photos: idea.photos,
      createdAt: idea.createdAt,
      editedAt: idea.createdAt,
    })),
  );

  constructor(
    readonly routeId: string,
    hostId: string,
  ) {
    const token = tokenFor(routeId);
    this.directs = directsTheRoom(roleOfToken(token, routeId));
    this.isPerson = tokenNamesPerson(token);
    this.#target = boardTarget.case(hostId);
    this.#connection = openDoc(controlDocName(routeId));
    const control = new ControlDoc(this.#connection.doc);
    this.#isHidden = new ReactiveDeep(control.map('hidden'), () => control.isHidden(this.#target));
    this.#count = new ReactiveDeep(control.map('hiddenCounts'), () => control.hiddenCount(this.#target));
    // A facilitator sees everyone's cards; a participant only their own, read again only when those change.
    const author = this.directs ? null : personOfToken(token);
    this.#changed = new ReactiveDeep(control.map('hiddenChanges'), () => (this.directs || author !== null ? control.hiddenChanges(this.#target, author) : 0));
    this.#stop = $effect.root(() => {
      // Read again when one of the cards this page shows was added, changed or taken back (a facilitator
      // may change a participant's), and at the reveal.
      $effect(() => {
        void this.#changeCount;
        if (!this.isHidden || !(this.directs || this.isPerson)) {
          this.ideas = [];
          // Revealed, the cards are the grid's: the grid's own undo takes over.
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
            if (answer.ok) this.ideas = answer.data.ideas.filter((idea) => idea.target === this.#target);
            return;
          }
        })();
        return () => (isCurrent = false);
      });
    });
  }

  get isHidden(): boolean {
    return this.#isHidden.value;
  }

  /** How many cards wait for the reveal, everyone's. */
  get count(): number {
    return this.#count.value;
  }

  /** Facilitators write the grid as ever; everyone else's new cards go to the server meanwhile. */
  get takesCards(): boolean {
    return this.isHidden && !this.directs;
  }

  has(id: string): boolean {
    return this.ideas.some((idea) => idea.id === id);
  }

  /** Sends a new card to the hidden list: its id, or null with `error` saying why not. */
  async add(card: { text: string; groupId: string; rowId: string; columnId: string; photos?: string[] }): Promise<string | null> {
    const answer = await addHiddenIdea(this.routeId, { hostId: this.#hostId, ...card });
    if (!this.#went(answer, 'hidden.failed')) return null;
    const idea = answer.data.idea;
    this.#keep(idea);
    this.history.push({ undo: () => this.#take([idea.id]), redo: () => this.#putBack([idea]) });
    return idea.id;
  }

  /** Another text or colour for these hidden cards of this person's, as one step. */
  async edit(ids: string[], change: Pick<HiddenIdeaChange, 'text' | 'color'>): Promise<void> {
    const before = this.#own(ids);
    if (before.length === 0) return;
    const keys = Object.keys(change) as Array<keyof typeof change>;
    const there = before.map((idea): [string, HiddenIdeaChange] => [idea.id, change]);
    const back = before.map((idea): [string, HiddenIdeaChange] => [idea.id, Object.fromEntries(keys.map((key) => [key, idea[key]]))]);
    if (await this.#change(there)) this.history.push({ undo: () => this.#change(back), redo: () => this.#change(there) });
  }

  /** These hidden cards of this person's into another cell (after the others there: they keep the order written). */
  async move(ids: string[], cell: { rowId: string; columnId: string }): Promise<void> {
    const before = this.#own(ids);
    if (before.length === 0) return;
    const there = before.map((idea): [string, HiddenIdeaChange] => [idea.id, cell]);
    const back = before.map((idea): [string, HiddenIdeaChange] => [idea.id, { rowId: idea.rowId, columnId: idea.columnId }]);
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

  get #hostId(): string {
    return this.#target.slice('case/'.length);
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
      const { id, text, color, photos, hostId, groupId, rowId, columnId, authorId } = idea;
      // A facilitator's undo puts a participant's card back in its author's name.
      return { id, text, color, photos, hostId, groupId, rowId, columnId, ...(this.directs ? { authorId } : {}) };
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
