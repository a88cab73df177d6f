import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { hasMessage, t } from '../i18n/messages.ts';
import { fetchAccess } from './access.ts';

export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'connected' }
  | { status: 'reconnecting' }
  | { status: 'refused'; message: string };

/**
 * One document, its stock y-websocket provider, and a visible state. The provider retries on its own
 * with backoff; this wrapper only adds what it cannot know: whether a failed attempt was a refusal,
 * in which case retrying is pointless and the person needs to be told why.
 */
export class DocConnection {
  readonly doc = new Y.Doc();
  readonly docName: string;
  readonly provider: WebsocketProvider;
  readonly #token: string | null;
  state = $state<ConnectionState>({ status: 'connecting' });
  /** Known once the server has answered an access check; until then writing is allowed optimistically. */
  access = $state<'read' | 'write' | 'unknown'>('unknown');
  #checkingAccess = false;

  constructor(docName: string, token: string | null, syncBaseUrl: string) {
    this.docName = docName;
    this.#token = token;
    this.provider = new WebsocketProvider(syncBaseUrl, docName, this.doc, {
      params: token ? { token } : {},
    });
    // Connected means synced: the board on screen is the server's, not an empty or stale copy.
    this.provider.on('sync', (isSynced) => {
      if (isSynced && this.state.status !== 'refused') this.state = { status: 'connected' };
    });
    this.provider.on('connection-close', (event) => {
      // Only the first attempt is "connecting"; after any close the provider's retries are reconnects.
      if (this.state.status !== 'refused') this.state = { status: 'reconnecting' };
      // `wsconnected` still describes the socket that just closed. One that never opened was most
      // likely refused at the upgrade; `event` is null when we closed it ourselves.
      const neverOpened = !this.provider.wsconnected;
      if (event !== null && neverOpened) void this.#checkAccess(null);
    });
    // 44xx close codes: the server withdrew access mid-connection and the provider has stopped.
    this.provider.on('closed', ({ reason }) => void this.#checkAccess(reason));
    // Asked up front too: it tells a read-only token apart before anyone tries to write.
    void this.#checkAccess(null);
  }

  get canWrite(): boolean {
    return this.access !== 'read' && this.state.status !== 'refused';
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }

  /**
   * At most one check for failed attempts in flight, so a flapping connection cannot turn into a stream
   * of requests. A close with a reason always gets its own check: the provider has stopped already.
   */
  async #checkAccess(closeReason: string | null): Promise<void> {
    const isRetryCheck = closeReason === null;
    if (isRetryCheck && this.#checkingAccess) return;
    if (isRetryCheck) this.#checkingAccess = true;
    try {
      const answer = await fetchAccess(this.docName, this.#token);
      if (answer.kind === 'granted') {
        this.access = answer.level;
        if (closeReason !== null) this.#refuse(t('refusal.closed', { reason: closeReason }));
      } else if (answer.kind === 'refused') {
        const key = `refusal.${answer.error}`;
        this.#refuse(hasMessage(key) ? t(key) : answer.message || t('connection.refused'));
      } else if (closeReason !== null) {
        this.#refuse(t('refusal.closed', { reason: closeReason }));
      }
    } finally {
      if (isRetryCheck) this.#checkingAccess = false;
    }
  }

  #refuse(message: string): void {
    this.provider.disconnect();
    this.state = { status: 'refused', message };
  }
}
