import { requestApi } from '../../lib/api/request.ts';
import { tokenFor } from '../../lib/connection/token.ts';
import type { WrapUp } from '../../../shared/schema/wrap-up.ts';
import { t } from './i18n/messages.ts';

/** How often an open wrap-up asks again, so cards added during the closing round show up. */
const refreshMs = 15_000;

/**
 * The wrap-up page's link to the server: one request draws the whole view (the server reads the river,
 * the grids, the plans, the vote and the committee), asked again every 15 s while the page is visible.
 */
export class WrapUpSession {
  wrapUp = $state<WrapUp | null>(null);
  problem = $state('');
  readonly #routeId: string;
  readonly #dayId: string;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(routeId: string, dayId: string) {
    this.#routeId = routeId;
    this.#dayId = dayId;
  }

  async refresh(): Promise<void> {
    const query = this.#dayId === '' ? '' : `?day=${encodeURIComponent(this.#dayId)}`;
    const answer = await requestApi<WrapUp>(`/api/routes/${encodeURIComponent(this.#routeId)}/wrap-up${query}`, tokenFor(this.#routeId));
    if (answer.ok) {
      this.wrapUp = answer.data;
      this.problem = '';
    } else this.problem = answer.status === 0 ? t('wrap.offline') : answer.message || t('wrap.failed');
  }

  start(): () => void {
    void this.refresh();
    this.#timer = setInterval(() => {
      if (document.visibilityState === 'visible') void this.refresh();
    }, refreshMs);
    return () => {
      if (this.#timer !== null) clearInterval(this.#timer);
    };
  }
}
