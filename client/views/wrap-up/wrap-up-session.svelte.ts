import { requestApi } from '../../lib/api/request.ts';
import { tokenFor } from '../../lib/connection/token.ts';
import type { WrapUp } from '../../../shared/schema/wrap-up.ts';
import { followChanges } from './change-stream.ts';
import { t } from './i18n/messages.ts';

/**
 * The wrap-up page's link to the server: one request draws the whole view (the server reads the river,
 * the grids, the plans, the vote and the committee), asked again whenever the server says the route's
 * documents changed (`…/wrap-up/changes`), so a card added in the closing round shows within a second.
 * The server builds a wrap-up once per change however many screens ask.
 */
export class WrapUpSession {
  wrapUp = $state<WrapUp | null>(null);
  problem = $state('');
  readonly #routeId: string;
  readonly #dayId: string;
  /** A request under way, and whether another change came meanwhile: at most one request at a time. */
  #asking: Promise<void> | null = null;
  #again = false;

  constructor(routeId: string, dayId: string) {
    this.#routeId = routeId;
    this.#dayId = dayId;
  }

  get #base(): string {
    return `/api/routes/${encodeURIComponent(this.#routeId)}/wrap-up`;
  }

  refresh(): Promise<void> {
    if (this.#asking !== null) {
      this.#again = true;
      return this.#asking;
    }
    this.#asking = (async () => {
      do {
        this.#again = false;
        await this.#ask();
      } while (this.#again);
    })().finally(() => (this.#asking = null));
    return this.#asking;
  }

  async #ask(): Promise<void> {
    const query = this.#dayId === '' ? '' : `?day=${encodeURIComponent(this.#dayId)}`;
    const answer = await requestApi<WrapUp>(`${this.#base}${query}`, tokenFor(this.#routeId));
    if (answer.ok) {
      this.wrapUp = answer.data;
      this.problem = '';
    } else this.problem = answer.status === 0 ? t('wrap.offline') : answer.message || t('wrap.failed');
  }

  start(): () => void {
    void this.refresh();
    return followChanges(`${this.#base}/changes`, tokenFor(this.#routeId), () => void this.refresh());
  }
}
