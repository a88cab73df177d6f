import { requestApi, type ApiResult } from '../../lib/api/request.ts';
import { openDoc } from '../../lib/connection/open-doc.ts';
import { tokenFor } from '../../lib/connection/token.ts';
import { ReactiveDeep } from '../../lib/yjs/reactive.svelte.ts';
import { controlDocName } from '../../../shared/schema/doc-kinds.ts';
import { FairBoard, type PublicVote, type VoteRules } from '../../../shared/schema/fair.ts';
import { has, t } from './i18n/messages.ts';

export interface You {
  role: 'admin' | 'facilitator' | 'participant' | 'screen' | 'committee' | null;
  canVote: boolean;
  teamId?: string | null;
  ballot?: { votes: Record<string, number> };
  reason?: string;
}

/**
 * One page's view of the fair vote: the room's half live from the control document, and over HTTP what
 * only this token may know (its ballot; for facilitators the tally the room does not see yet). Every
 * change goes to the server, whose answer is what the page shows; a refusal becomes `problem`.
 */
export class VoteSession {
  readonly control;
  readonly #board: FairBoard;
  readonly #live: ReactiveDeep<PublicVote>;
  readonly #path: string;
  readonly #token: string | null;
  you = $state<You | null>(null);
  /** The tally as this token may see it: facilitators' includes what is hidden from the room. */
  fullTally = $state<PublicVote['tally']>(null);
  problem = $state('');
  busy = $state(false);
  #asked = 0;

  constructor(routeId: string) {
    this.control = openDoc(controlDocName(routeId));
    this.#board = new FairBoard(this.control.doc);
    this.#live = new ReactiveDeep(this.#board.map, () => this.#board.read());
    this.#path = `/api/routes/${encodeURIComponent(routeId)}/vote`;
    this.#token = tokenFor(routeId);
  }

  get vote(): PublicVote {
    return this.#live.value;
  }

  /** Where the vote stands, in a sentence. */
  get statusText(): string {
    return { idle: t('vote.idle'), open: t('vote.open'), closed: t('vote.closed'), published: t('vote.published') }[this.vote.status];
  }

  get isFacilitator(): boolean {
    return this.you?.role === 'admin' || this.you?.role === 'facilitator';
  }

  /** Asks the server again; an older answer arriving after a newer one is dropped. */
  async refresh(): Promise<void> {
    const asked = ++this.#asked;
    const answer = await requestApi<{ vote: PublicVote; you: You }>(this.#path, this.#token);
    if (asked !== this.#asked) return;
    if (!answer.ok) return this.#fail(answer);
    this.you = answer.data.you;
    this.fullTally = answer.data.vote.tally;
  }

  /** One vote more (1) or less (-1) for a plan. */
  change(teamId: string, change: 1 | -1): Promise<void> {
    return this.#send(`${this.#path}/ballot/changes`, { teamId, change }, (data: { ballot: { votes: Record<string, number> } }) => {
      if (this.you !== null) this.you = { ...this.you, ballot: data.ballot };
    });
  }

  openVote(rules: VoteRules | null, hideTally: boolean): Promise<void> {
    return this.#send(`${this.#path}/open`, { ...(rules ?? {}), hideTally });
  }

  act(action: 'close' | 'publish' | 'reset'): Promise<void> {
    return this.#send(`${this.#path}/${action}`, {});
  }

  setTallyHidden(hidden: boolean): Promise<void> {
    return this.#send(`${this.#path}/tally`, { hidden });
  }

  async #send<T>(path: string, body: unknown, done?: (data: T) => void): Promise<void> {
    this.busy = true;
    this.problem = '';
    const answer = await requestApi<T>(path, this.#token, { method: 'POST', body });
    this.busy = false;
    if (!answer.ok) return this.#fail(answer);
    done?.(answer.data);
    await this.refresh();
  }

  /** The server's sentence, in this person's language when the view knows the refusal. */
  #fail(answer: Extract<ApiResult<unknown>, { ok: false }>): void {
    if (answer.status === 0) {
      this.problem = t('vote.offline');
      return;
    }
    const key = `error.${answer.error}`;
    const count = answer.error === 'over_plan_limit' ? this.vote.maxPerPlan : this.vote.votesPerPerson;
    this.problem = has(key) ? t(key, { count }) : answer.message;
  }

  destroy(): void {
    this.control.destroy();
  }
}
