import { requestApi } from '../../lib/api/request.ts';
import type { DocConnection } from '../../lib/connection/doc-connection.svelte.ts';
import { openDoc } from '../../lib/connection/open-doc.ts';
import { tokenFor } from '../../lib/connection/token.ts';
import { ReactiveDeep } from '../../lib/yjs/reactive.svelte.ts';
import { ControlDoc } from '../../../shared/schema/control.ts';
import { controlDocName } from '../../../shared/schema/doc-kinds.ts';
import type { CommitteeView } from '../../../shared/schema/fair-committee.ts';
import { FairBoard } from '../../../shared/schema/fair.ts';
import { has, t } from './i18n/messages.ts';

/** The server's answer: the view this token may see, and who asked. */
export interface CommitteeAnswer extends CommitteeView {
  viewer: 'facilitator' | 'member' | 'team' | 'screen';
  /** The member asking, for a member; the team asking, for a participant. */
  memberId: string | null;
  teamId: string | null;
}

/**
 * The committee page's link to the server: the scores are never in a document the browser holds, so the
 * page asks for what this token may see, and again whenever the control document says the view moved
 * (`changed`: a member scored, the rules or the publication changed, a plan was submitted or reopened,
 * the fair's result was published), so a facilitator watches the scores come in.
 */
export class CommitteeSession {
  view = $state<CommitteeAnswer | null>(null);
  problem = $state('');
  busy = $state(false);
  readonly control: DocConnection;
  readonly #path: string;
  readonly #token: string | null;
  readonly #sources: ReactiveDeep<string>[];
  #asked = 0;
  /** Moves only when one of the view's sources does, not at each vote of the fair or change of the room. */
  readonly changed = $derived.by(() => this.#sources.map((source) => source.value).join('|'));

  constructor(routeId: string) {
    this.#path = `/api/routes/${encodeURIComponent(routeId)}/committee`;
    this.#token = tokenFor(routeId);
    this.control = openDoc(controlDocName(routeId));
    const control = new ControlDoc(this.control.doc);
    const fair = new FairBoard(this.control.doc);
    this.#sources = [
      new ReactiveDeep(control.map('committee'), () => String(control.committeeChanges())),
      new ReactiveDeep(control.map('planStatus'), () => JSON.stringify(control.map('planStatus').toJSON())),
      new ReactiveDeep(fair.map, () => fair.read().status),
    ];
  }

  /** Asks the server again; an older answer arriving after a newer one is dropped. */
  async refresh(): Promise<void> {
    const asked = ++this.#asked;
    const answer = await requestApi<CommitteeAnswer>(this.#path, this.#token);
    if (asked !== this.#asked) return;
    if (answer.ok) {
      this.view = answer.data;
      // Back in reach: the page is live again (a refused score's reason stays until the next try).
      if (this.problem === t('committee.offline')) this.problem = '';
    } else this.problem = answer.status === 0 ? t('committee.offline') : answer.message;
  }

  /** Answers whether the server took it, so a form knows to say "saved". */
  async send(method: 'PUT' | 'POST', path: string, body: unknown): Promise<boolean> {
    this.busy = true;
    this.problem = '';
    const answer = await requestApi<unknown>(`${this.#path}${path}`, this.#token, { method, body });
    this.busy = false;
    if (!answer.ok) {
      const key = `error.${answer.error}`;
      this.problem = answer.status === 0 ? t('committee.offline') : has(key) ? t(key) : answer.message;
      return false;
    }
    await this.refresh();
    return true;
  }

  destroy(): void {
    this.control.destroy();
  }
}
