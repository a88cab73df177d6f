import type { Room } from './room.ts';

/**
 * What the registry needs from whatever carries updates and awareness between several instances serving
 * the same documents (server/cluster/redis-link.ts). What arrives from the others goes straight to the
 * loaded room (Room.applyRemoteUpdate, Room.applyRemoteAwareness).
 */
export interface ClusterLink {
  /**
   * Called before a document is read from storage; resolves once whatever other instances commit for it
   * from now on will reach this one. So an update is either in what the load reads or arrives afterwards.
   */
  join(docName: string): Promise<void>;
  /** The room is loaded: what arrived for it while it loaded is applied now. */
  attached(room: Room): void;
  /** The room is gone (unloaded, or its load failed). */
  leave(docName: string): void;
  /** A turn of this instance's, committed. */
  publishUpdate(docName: string, update: Uint8Array): void;
  publishAwareness(docName: string, update: Uint8Array): void;
}
