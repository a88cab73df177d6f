import { requestApi } from '../../lib/api/request.ts';
import { tokenFor } from '../../lib/connection/token.ts';
import type { CommitteeView } from '../../../shared/schema/fair-committee.ts';
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
 * page asks for what this token may see, and again after each change and when the window comes back
 * into focus (members score over days, from several devices).
 */
export class CommitteeSession {
  view = $state<CommitteeAnswer | null>(null);
  problem = $state('');
  busy = $state(false);
  readonly #path: string;
  readonly #token: string | null;

  constructor(routeId: string) {
    this.#path = `/api/routes/${encodeURIComponent(routeId)}/committee`;
    this.#token = tokenFor(routeId);
  }

  async refresh(): Promise<void> {
    const answer = await requestApi<CommitteeAnswer>(this.#path, this.#token);
    if (answer.ok) this.view = answer.data;
    else this.problem = answer.status === 0 ? t('committee.offline') : answer.message;
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
}
