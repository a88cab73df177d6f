import { CloseCodes, type CloseReason } from '../protocol/close-codes.ts';
import type { Peer } from './peer.ts';
import type { Room } from './room.ts';

/**
 * What a connection may write, asked for each update it sends (rule A3). Read-only connections (A2) and
 * those whose right never changes share the two constants below; others carry their grant.
 */
export interface WriteRights {
  mayWrite(docName: string, update: Uint8Array): boolean;
}

export const readOnly: WriteRights = { mayWrite: () => false };
export const alwaysWrite: WriteRights = { mayWrite: () => true };

/** What a connection needs from the registry that owns it. */
export interface ConnectionOwner {
  readonly maxBufferedBytes: number;
  receive(connection: Connection, data: Uint8Array): void;
  fail(connection: Connection, reason: CloseReason): void;
  closed(connection: Connection): void;
}

/**
 * One socket attached to one document. Lifecycle: waiting for the document to load, joined, closed.
 * Thousands of these live at once, so state that most connections never use is created on first use.
 */
export class Connection {
  state: 'loading' | 'joined' | 'closed' = 'loading';
  /** Set while joined. */
  room: Room | null = null;
  /** Messages received while the document loads; replayed in order once it has. */
  queued: Uint8Array[] | null = null;
  /** Awareness client ids this connection announced, removed for everyone when it leaves. */
  awarenessClients: Set<number> | null = null;
  /** In the registry's count of open sockets until the socket reports that it closed. */
  counted = true;
  /**
   * The whole document sent to it: 'ahead', when it asked for that at its upgrade, from the moment it joins
   * until its first sync step 1 arrives, which then needs no answer ('answered'); 'answered' too once a
   * cold load replied to that first step 1 from storage (cold-document.ts).
   */
  wholeStateSent: 'no' | 'ahead' | 'answered' = 'no';

  constructor(
    readonly id: number,
    readonly docName: string,
    readonly peer: Peer,
    readonly rights: WriteRights,
    private readonly owner: ConnectionOwner,
    /** Holds no copy of the document: gets all of it when it joins, before its sync step 1 (Room.join). */
    readonly wantsWholeAhead = false,
  ) {}

  send(message: Uint8Array): void {
    if (this.state === 'closed') return;
    if (this.peer.bufferedAmount > this.owner.maxBufferedBytes) return this.owner.fail(this, CloseCodes.tooSlow);
    this.peer.sendBinary(message);
  }

  /** A message from the socket. */
  receive(data: Uint8Array): void {
    this.owner.receive(this, data);
  }

  /** Reports that the socket closed (by either side). */
  closed(): void {
    this.owner.closed(this);
  }

  /** Closes the socket from the server side, e.g. when the token expires. */
  close(reason: CloseReason): void {
    this.owner.fail(this, reason);
  }

  /** Closes the socket once; returns false if it was already closed. The caller detaches it from its room. */
  closeSocket(reason: CloseReason): boolean {
    if (this.state === 'closed') return false;
    this.state = 'closed';
    this.queued = null;
    this.peer.close(reason.code, reason.reason);
    return true;
  }
}
