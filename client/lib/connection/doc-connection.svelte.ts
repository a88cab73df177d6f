import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { hasMessage, t } from '../i18n/messages.ts';
import { fetchAccess } from './access.ts';
import { UnsentCounter } from './unsent-counter.ts';

export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'connected' }
  | { status: 'reconnecting' }
  | { status: 'offline' }
  | { status: 'refused'; message: string };

export type ConnectionStatus = ConnectionState['status'];

/**
 * One document: the stock y-websocket provider for the server, y-indexeddb for this device, and a
 * visible state. The provider retries on its own with backoff; this class adds what it cannot know:
 * whether a failed attempt was a refusal (then retrying is pointless and the person is told why), whether
 * the device is offline, and how many local changes the server has not confirmed yet.
 */
export class DocConnection {
  readonly doc = new Y.Doc();
  readonly docName: string;
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence;
  state = $state<ConnectionState>({ status: 'connecting' });
  /**
   * What the server last said this token may do here, remembered so that a page reloaded offline offers
   * what it did before; 'unknown' until the first answer, and writing is allowed optimistically meanwhile.
   */
  access = $state<'read' | 'write' | 'unknown'>('unknown');
  /** Local changes made since the server last had everything; kept across reloads made offline. */
  unsent = $state(0);
  /** The content is on screen: from this device's copy or from the server, whichever came first. */
  isLoaded = $state(false);
  /** Resolves the first time this document is in sync with the server, e.g. to add defaults only then. */
  readonly whenSynced: Promise<void>;
  readonly #token: string | null;
  readonly #unsentCounter: UnsentCounter;
  #checkingAccess = false;
  #releaseListeners: () => void;
  /** Says whether this was the last holder of a connection shared within the tab (see openDoc). */
  readonly #release: () => boolean;

  constructor(docName: string, token: string | null, syncBaseUrl: string, release: () => boolean = () => true) {
    this.docName = docName;
    this.#release = release;
    this.#token = token;
    this.#unsentCounter = new UnsentCounter(docName);
    this.unsent = this.#unsentCounter.count;
    this.access = rememberedAccess(docName, token);
    this.persistence = new IndexeddbPersistence(docName, this.doc);
    void this.persistence.whenSynced.then(() => (this.isLoaded = true));
    // A device without a copy asks for the whole document as the socket opens (`fresh`), instead of a round
    // trip behind the open event a busy page fires late; reconnects and devices with a copy ask only for
    // what they lack, in their sync step 1.
    const params: Record<string, string> = token ? { token } : {};
    if (!hasLocalCopy(docName)) params.fresh = '1';
    this.provider = new WebsocketProvider(syncBaseUrl, docName, this.doc, { params, connect: navigator.onLine });
    if (!navigator.onLine) this.state = { status: 'offline' };
    let synced: () => void = () => {};
    this.whenSynced = new Promise((resolve) => (synced = resolve));

    // Connected means synced: the content on screen is the server's, not an empty or stale copy.
    this.provider.on('sync', (isSynced) => {
      if (!isSynced || this.state.status === 'refused') return;
      this.state = { status: 'connected' };
      this.isLoaded = true;
      delete this.provider.params.fresh;
      rememberLocalCopy(docName);
      this.unsent = this.#unsentCounter.reset();
      synced();
    });
    this.provider.on('connection-close', (event) => {
      if (this.state.status !== 'refused') this.state = { status: navigator.onLine ? 'reconnecting' : 'offline' };
      // `wsconnected` still describes the socket that just closed. One that never opened was most
      // likely refused at the upgrade; `event` is null when we closed it ourselves.
      const neverOpened = !this.provider.wsconnected;
      if (event !== null && neverOpened) void this.#checkAccess(null);
    });
    // 44xx close codes: the server withdrew access mid-connection and the provider has stopped.
    this.provider.on('closed', ({ reason }) => void this.#checkAccess(reason));

    const countLocal = (_update: Uint8Array, origin: unknown): void => {
      const isLocal = origin !== this.provider && origin !== this.persistence;
      if (isLocal && !this.provider.synced) this.unsent = this.#unsentCounter.increment();
    };
    this.doc.on('update', countLocal);
    this.#releaseListeners = this.#followNetwork();
    // Asked up front too: it tells a read-only token apart before anyone tries to write.
    if (navigator.onLine) void this.#checkAccess(null);
  }

  /** Asks the server again what this page may do here: the room's state (a lock, a plan's status) changed. */
  recheckAccess(): void {
    if (navigator.onLine && this.state.status !== 'refused') void this.#checkAccess(null);
  }

  get awareness(): Awareness {
    return this.provider.awareness;
  }

  get canWrite(): boolean {
    return this.access !== 'read' && this.state.status !== 'refused';
  }

  destroy(): void {
    if (!this.#release()) return;
    this.#releaseListeners();
    this.provider.destroy();
    // Destroying the doc also closes the IndexedDB persistence, after its pending writes.
    this.doc.destroy();
  }

  /**
   * The browser knows before the socket does that the network is gone (a socket can take its 30 s
   * watchdog to notice), and retrying while offline only burns battery. Back online: reconnect at once.
   */
  #followNetwork(): () => void {
    const goOffline = (): void => {
      if (this.state.status === 'refused') return;
      this.provider.disconnect();
      this.state = { status: 'offline' };
    };
    const goOnline = (): void => {
      // A network change can report "online" while the socket never dropped; then nothing changes.
      if (this.state.status === 'refused' || this.provider.wsconnected) return;
      this.state = { status: 'reconnecting' };
      this.provider.connect();
      void this.#checkAccess(null);
    };
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    return () => {
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
    };
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
        rememberAccess(this.docName, this.#token, answer.level);
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

/**
 * Whether this device has synced the document before, so that its IndexedDB copy holds it. A copy the
 * browser has since evicted only costs the round trip the `fresh` parameter saves.
 */
const copyKey = (docName: string): string => `tributary.copy.${docName}`;

function hasLocalCopy(docName: string): boolean {
  try {
    return localStorage.getItem(copyKey(docName)) !== null;
  } catch {
    return false;
  }
}

function rememberLocalCopy(docName: string): void {
  try {
    localStorage.setItem(copyKey(docName), '1');
  } catch {
    // Storage full or refused: the next visit asks for the whole document again.
  }
}

/** Per document, with the token it was for: another link on this device may grant something else. */
const accessKey = (docName: string): string => `tributary.access.${docName}`;

function rememberedAccess(docName: string, token: string | null): 'read' | 'write' | 'unknown' {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(accessKey(docName)) ?? 'null');
    const { level, token: forToken } = (stored ?? {}) as { level?: unknown; token?: unknown };
    return forToken === token && (level === 'read' || level === 'write') ? level : 'unknown';
  } catch {
    return 'unknown';
  }
}

function rememberAccess(docName: string, token: string | null, level: 'read' | 'write'): void {
  localStorage.setItem(accessKey(docName), JSON.stringify({ token, level }));
}
