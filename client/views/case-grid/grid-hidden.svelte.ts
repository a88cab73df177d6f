import { addHiddenIdea, fetchHiddenIdeas } from '../../lib/api/hidden-ideas.ts';
import { openDoc } from '../../lib/connection/open-doc.ts';
import { tokenFor } from '../../lib/connection/token.ts';
import { directsTheRoom, roleOfToken, tokenNamesPerson } from '../../lib/control/my-role.ts';
import { ReactiveDeep } from '../../lib/yjs/reactive.svelte.ts';
import type { GridCard } from '../../../shared/schema/case.ts';
import { boardTarget, ControlDoc } from '../../../shared/schema/control.ts';
import { controlDocName } from '../../../shared/schema/doc-kinds.ts';
import type { HiddenIdea } from '../../../shared/schema/hidden-ideas.ts';
import { cardColors } from '../../../shared/schema/river.ts';
import { t } from './i18n/messages.ts';

/**
 * A hidden brainstorm on this host's grid, as one person's grid page sees it. While the facilitator
 * keeps the grid hidden, the server takes no participant's writes to it (A3): their new cards go to the
 * server's hidden list, and each person sees their own there (facilitators see all), drawn on the grid
 * beside the shared cards until the reveal puts them into the grid for everyone.
 */
export class GridHidden {
  readonly #connection;
  readonly #target: string;
  readonly #isHidden: ReactiveDeep<boolean>;
  readonly #count: ReactiveDeep<number>;
  readonly directs: boolean;
  /** A shared link names nobody: it cannot add a card in its own name. */
  readonly isPerson: boolean;
  ideas = $state<HiddenIdea[]>([]);
  error = $state('');
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
      color: cardColors[0],
      // After the grid's own cards of the cell, in the order written.
      order: Number.MAX_SAFE_INTEGER / 2 + idea.createdAt / 1e6,
      photos: [],
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
    this.#stop = $effect.root(() => {
      // Read again when the room's count changes: a card was added or taken back, here or elsewhere.
      $effect(() => {
        void this.#count.value;
        if (!this.isHidden || !(this.directs || this.isPerson)) {
          this.ideas = [];
          return;
        }
        let isCurrent = true;
        void fetchHiddenIdeas(routeId).then((answer) => {
          if (answer.ok && isCurrent) this.ideas = answer.data.ideas.filter((idea) => idea.target === this.#target);
        });
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
  async add(card: { text: string; groupId: string; rowId: string; columnId: string }): Promise<string | null> {
    const answer = await addHiddenIdea(this.routeId, { hostId: this.#target.slice('case/'.length), ...card });
    if (!answer.ok) {
      this.error = t('hidden.failed', { message: answer.status === 0 ? t('hidden.offline') : answer.message });
      return null;
    }
    this.error = '';
    const idea = answer.data.idea;
    if (!this.has(idea.id)) this.ideas = [...this.ideas, idea];
    return idea.id;
  }

  destroy(): void {
    this.#stop();
    this.#connection.destroy();
  }
}
