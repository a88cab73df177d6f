import type { ApiResult } from '../../lib/api/request.ts';
import { t } from './i18n/messages.ts';

/**
 * The console's calls to the server, with what went wrong kept for the page to say: the console changes
 * nothing itself, the server's answer (through the control document) is what every screen shows.
 */
export class ConsoleActions {
  error = $state('');
  busy = $state(false);

  async run<T>(call: () => Promise<ApiResult<T>>): Promise<T | null> {
    this.busy = true;
    const answer = await call();
    this.busy = false;
    if (answer.ok) {
      this.error = '';
      return answer.data;
    }
    this.error = answer.status === 0 ? t('console.offline') : t('console.failed', { message: answer.message || answer.error });
    return null;
  }
}
