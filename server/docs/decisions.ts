import * as Y from 'yjs';
import type { Storage } from '../persistence/storage.ts';
import type { Registry } from './registry.ts';

/**
 * Decisions the server takes against a document's state and then writes: a ballot against the vote's
 * status, the close against the ballots. One instance takes them one after another in its event loop.
 * Instances sharing a database must take them one at a time too, each against the stored state: otherwise
 * a ballot given on B just after A closed the vote passes B's older copy, is stored, and is left out of the
 * result A counted.
 */
export class Decisions {
  /** Per document, the decision this instance is waiting to take last: one connection waits for the lock. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly registry: Registry,
    private readonly storage: Storage,
  ) {}

  /**
   * Runs `decide` alone among the instances sharing the storage, on `docName` brought up to what they
   * stored; `decide` stores its change (registry flush) before it resolves, so the next one reads it.
   */
  take<T>(docName: string, decide: () => Promise<T>): Promise<T> {
    const { storage } = this;
    if (storage.exclusively === undefined) return decide();
    const taken = (this.queues.get(docName) ?? Promise.resolve()).then(() =>
      storage.exclusively!(`decide:${docName}`, async () => {
        await this.catchUp(docName);
        return decide();
      }),
    );
    const settled = taken.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(docName, settled);
    void settled.then(() => {
      if (this.queues.get(docName) === settled) this.queues.delete(docName);
    });
    return taken;
  }

  /** What other instances stored and this one has not heard of yet (Yjs skips what it has). */
  private async catchUp(docName: string): Promise<void> {
    const stored = await this.storage.load(docName);
    if (stored.updates.length === 0) return;
    await this.registry.withRoom(docName, (room) => void room.applyRemoteUpdate(Y.mergeUpdates(stored.updates)));
  }
}
