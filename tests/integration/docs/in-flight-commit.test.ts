import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Registry, type ConnectionHandle } from '../../../server/docs/registry.ts';
import { alwaysWrite, readOnly } from '../../../server/docs/connection.ts';
import type { Peer } from '../../../server/docs/peer.ts';
import { silentLogger } from '../../../server/log.ts';
import { openSqliteStorage } from '../../../server/persistence/sqlite-storage.ts';
import type { Storage } from '../../../server/persistence/storage.ts';
import { CloseCodes } from '../../../server/protocol/close-codes.ts';
import { defaultLimits } from '../../../server/protocol/limits.ts';
import { decodeMessage, encodeSyncStep1, encodeUpdate, type ClientMessage } from '../../../server/protocol/messages.ts';
import { waitFor } from '../helpers/clients.ts';

/**
 * Rule D1 with an asynchronous storage (PostgreSQL's commits end turns later): real SQLite underneath, but
 * each append waits until the test lets it finish or fail, so messages arrive while a commit is in flight.
 */
interface GatedStorage extends Storage {
  /** Appends begun and not yet let through, oldest first. */
  waiting: Array<{ release(): void; fail(): void }>;
  /** Lets every waiting and later append through. */
  open(): void;
}

function gate(storage: Storage): GatedStorage {
  const waiting: GatedStorage['waiting'] = [];
  let opened = false;
  return {
    ...storage,
    waiting,
    open() {
      opened = true;
      for (const pending of waiting.splice(0)) pending.release();
    },
    append(batch) {
      if (opened) return storage.append(batch);
      return new Promise((resolve, reject) => {
        waiting.push({
          release: () => resolve(storage.append(batch)),
          fail: () => reject(new Error('connection to the database lost')),
        });
      });
    },
  };
}

class RecordingPeer implements Peer {
  readonly received: ClientMessage[] = [];
  closedWith: { code: number; reason: string } | null = null;
  bufferedAmount = 0;
  sendBinary(message: Uint8Array): void {
    const decoded = decodeMessage(message);
    if (decoded.ok) this.received.push(decoded.message);
  }
  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }
  /** What this peer's document would hold from everything the server sent it. */
  content(): string[] {
    const doc = new Y.Doc();
    for (const message of this.received) if (message.kind === 'sync-step2' || message.kind === 'update') Y.applyUpdate(doc, message.update);
    return doc.getArray<string>('cards').toArray();
  }
  step2Count(): number {
    return this.received.filter((message) => message.kind === 'sync-step2').length;
  }
}

const turn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe('D1 with commits that end after their turn', () => {
  let dir: string;
  let sqlite: Storage;
  let storage: GatedStorage;
  let registry: Registry;
  let writer: Y.Doc;
  let updates: Uint8Array[];

  beforeEach(async () => {
    writer = new Y.Doc();
    updates = [];
    writer.on('update', (update: Uint8Array) => updates.push(update));
    dir = await mkdtemp(join(tmpdir(), 'tributary-inflight-'));
    sqlite = openSqliteStorage(dir);
    storage = gate(sqlite);
    registry = new Registry({ storage, limits: defaultLimits, log: silentLogger, idleUnloadMs: 60_000 });
  });
  afterEach(async () => {
    storage.open();
    await registry.unloadAll(CloseCodes.goingAway);
    await sqlite.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function joinRoom(peer: RecordingPeer, canWrite = true): Promise<ConnectionHandle> {
    const handle = registry.connect('route/x/river', peer, canWrite ? alwaysWrite : readOnly);
    await waitFor(() => peer.received.some((message) => message.kind === 'sync-step1'), 'server sync step 1');
    return handle;
  }
  function write(handle: ConnectionHandle, card: string): void {
    writer.getArray<string>('cards').push([card]);
    handle.receive(encodeUpdate(updates.at(-1)!));
  }

  it('holds fan-out and sync replies until the commit ends, and keeps the order of turns', async () => {
    const author = await joinRoom(new RecordingPeer());
    const watcher = new RecordingPeer();
    await joinRoom(watcher, false);

    write(author, 'first');
    await waitFor(() => storage.waiting.length === 1, 'first commit under way');
    // A newcomer's sync step 1 during the commit: its reply would carry 'first', which is not stored yet.
    const newcomer = new RecordingPeer();
    const newcomerHandle = await joinRoom(newcomer, false);
    newcomerHandle.receive(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    write(author, 'second');
    await turn();
    // Commits run one after another, so storage order is fan-out order: the second waits for the first.
    expect(storage.waiting).toHaveLength(1);
    expect(watcher.content()).toEqual([]);
    expect(newcomer.step2Count()).toBe(0);

    storage.waiting.shift()!.release();
    await waitFor(() => watcher.content().length === 1, 'first turn fanned out');
    expect(watcher.content()).toEqual(['first']);
    await waitFor(() => storage.waiting.length === 1, 'second commit under way');
    // The second turn's commit is under way: the newcomer's reply waits for it too.
    await turn();
    expect(newcomer.step2Count()).toBe(0);

    storage.waiting.shift()!.release();
    await waitFor(() => newcomer.step2Count() === 1, 'sync reply after both commits');
    expect(newcomer.content()).toEqual(['first', 'second']);
    await waitFor(() => watcher.content().length === 2, 'second turn fanned out');
    expect(watcher.content()).toEqual(['first', 'second']);
    expect((await sqlite.load('route/x/river')).updates).toHaveLength(2);
  });

  it('a failed commit closes the room\'s connections with 1011 and stores nothing of it or of turns behind it', async () => {
    const authorPeer = new RecordingPeer();
    const author = await joinRoom(authorPeer);
    const watcher = new RecordingPeer();
    await joinRoom(watcher, false);
    write(author, 'lost');
    await waitFor(() => storage.waiting.length === 1, 'commit under way');
    write(author, 'behind');
    await turn();

    storage.waiting.shift()!.fail();
    await waitFor(() => watcher.closedWith !== null, 'connections closed');
    expect(watcher.closedWith).toEqual({ code: 1011, reason: 'could not store the document' });
    expect(authorPeer.closedWith).toEqual({ code: 1011, reason: 'could not store the document' });
    expect(watcher.content()).toEqual([]);
    await registry.flush();
    // The turn behind the failed one never reached storage: it depends on what was not stored.
    expect(storage.waiting).toHaveLength(0);
    expect((await sqlite.load('route/x/river')).updates).toHaveLength(0);
  });
});
