import type { CloseReason } from '../protocol/close-codes.ts';
import type { Peer } from './peer.ts';

/** One socket attached to one document. Lifecycle: waiting for the document to load, joined, closed. */
export class Connection {
  state: 'loading' | 'joined' | 'closed' = 'loading';
  /** Messages received while the document loads; replayed in order once it has. */
  readonly queued: Uint8Array[] = [];
  /** Awareness client ids this connection announced, removed for everyone when it leaves. */
  readonly awarenessClients = new Set<number>();
  /** Called instead of sending when the socket holds more unsent bytes than `maxBufferedBytes`. */
  onStuck: () => void = () => {};

  constructor(
    readonly id: number,
    readonly docName: string,
    readonly peer: Peer,
    readonly canWrite: boolean,
    private readonly maxBufferedBytes: number,
  ) {}

  send(message: Uint8Array): void {
    if (this.state === 'closed') return;
    if (this.peer.bufferedAmount > this.maxBufferedBytes) return this.onStuck();
    this.peer.send(message);
  }

  /** Closes the socket once; the caller detaches the connection from its room. */
  close(reason: CloseReason): boolean {
    if (this.state === 'closed') return false;
    this.state = 'closed';
    this.queued.length = 0;
    this.peer.close(reason.code, reason.reason);
    return true;
  }
}
