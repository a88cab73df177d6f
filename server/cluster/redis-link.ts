import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import * as Y from 'yjs';
import type { ClusterLink } from '../docs/cluster-link.ts';
import type { Room } from '../docs/room.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../persistence/storage.ts';

/**
 * Carries committed updates and awareness between instances through Redis pub/sub, one channel per loaded
 * document, as Hocuspocus's Redis extension does.
 *
 * Why pub/sub and not streams (y-redis's choice): in y-redis the stream is where an update lives until a
 * worker moves it to storage, so it must be replayable. Here PostgreSQL already holds every update before
 * anything is sent (rule D1), so Redis only has to tell the other instances. A message it loses is read back
 * from PostgreSQL: an instance that cannot apply an update for lack of what came before reads the document
 * again, one that loses Redis drops its documents and loads them afresh once it is back, and a room
 * subscribes before it reads storage. A stream would add a second durable log to trim and back up.
 *
 * A message is one byte of kind, this instance's 16-byte id (so it ignores its own), then the payload.
 */
const kinds = { update: 0, awareness: 1, queryAwareness: 2 } as const;
const idBytes = 16;

export interface RedisLink extends ClusterLink {
  /** Both connections are up and subscribed. */
  readonly up: boolean;
  /** Where the rooms are (the registry), set once it exists. */
  bind(rooms: (docName: string) => Room | undefined): void;
  /** Called with true when both connections are ready, false when either is lost. */
  onChange(listener: (up: boolean) => void): void;
  ping(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function connectRedisLink(url: string, storage: Storage, log: Logger, prefix = 'tributary'): Promise<RedisLink> {
  const id = randomBytes(idBytes);
  const channelPrefix = `${prefix}:doc:`;
  const channelOf = (docName: string): string => channelPrefix + docName;
  // Retries every few hundred ms for ever: the instance refuses connections meanwhile and recovers by itself.
  const retryStrategy = (attempt: number): number => Math.min(100 * attempt, 1000);
  // The subscriber keeps its commands for the reconnection (ioredis resubscribes by itself); the publisher
  // does not, so that a publish while Redis is gone fails at once instead of piling up.
  const sub = new Redis(url, { retryStrategy, lazyConnect: true, maxRetriesPerRequest: null });
  const pub = new Redis(url, { retryStrategy, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  let rooms: (docName: string) => Room | undefined = () => undefined;
  /** Documents subscribed to but still loading: what arrives for them waits here. */
  const arriving = new Map<string, Buffer[]>();
  const joined = new Set<string>();
  const listeners: Array<(up: boolean) => void> = [];
  let up = false;
  let closed = false;
  const catchingUp = new Set<Room>();

  const setUp = (): void => {
    const now = sub.status === 'ready' && pub.status === 'ready';
    if (now === up || closed) return;
    up = now;
    log[now ? 'info' : 'warn'](now ? 'redis link up' : 'redis link lost', { url: redactedUrl(url) });
    for (const listener of listeners) listener(now);
  };
  for (const connection of [sub, pub]) {
    connection.on('ready', setUp);
    connection.on('close', setUp);
    connection.on('end', setUp);
    // Reported through setUp and /healthz; ioredis would print every failed reconnection otherwise.
    connection.on('error', () => undefined);
  }

  const publish = (kind: number, docName: string, payload: Uint8Array): void => {
    if (!up) return;
    const message = Buffer.allocUnsafe(1 + idBytes + payload.byteLength);
    message[0] = kind;
    id.copy(message, 1);
    message.set(payload, 1 + idBytes);
    pub.publish(channelOf(docName), message).catch((error: unknown) => {
      log.warn('redis publish failed', { doc: docName, error: String(error) });
    });
  };

  /** Reads the document again from storage: what this instance missed is in it (Yjs skips what it has). */
  const catchUp = (room: Room): void => {
    if (catchingUp.has(room)) return;
    catchingUp.add(room);
    storage
      .load(room.name)
      .then((stored) => {
        if (!room.doc.isDestroyed && stored.updates.length > 0) room.applyRemoteUpdate(Y.mergeUpdates(stored.updates));
      })
      .catch((error: unknown) => log.error('catching up from storage failed', { doc: room.name, error: String(error) }))
      .finally(() => catchingUp.delete(room));
  };

  const deliver = (room: Room, message: Buffer): void => {
    const payload = message.subarray(1 + idBytes);
    switch (message[0]) {
      case kinds.update:
        if (!room.applyRemoteUpdate(payload)) catchUp(room);
        break;
      case kinds.awareness:
        room.applyRemoteAwareness(payload);
        break;
      case kinds.queryAwareness: {
        const own = room.ownAwareness();
        if (own !== null) publish(kinds.awareness, room.name, own);
        break;
      }
    }
  };

  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    if (message.length < 1 + idBytes || message.subarray(1, 1 + idBytes).equals(id)) return;
    const docName = channel.toString('utf8').slice(channelPrefix.length);
    const waiting = arriving.get(docName);
    if (waiting !== undefined) return void waiting.push(message);
    const room = rooms(docName);
    if (room !== undefined) deliver(room, message);
  });

  try {
    await Promise.all([sub.connect(), pub.connect()]);
  } catch (error) {
    sub.disconnect();
    pub.disconnect();
    throw new Error(`could not reach Redis at ${redactedUrl(url)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  setUp();

  return {
    get up() {
      return up;
    },
    bind(lookup) {
      rooms = lookup;
    },
    onChange(listener) {
      listeners.push(listener);
    },
    async join(docName) {
      if (!up) throw new Error('the link to the other instances (Redis) is down');
      arriving.set(docName, []);
      joined.add(docName);
      await sub.subscribe(channelOf(docName));
    },
    attached(room) {
      // After the connections that waited for the load have joined (they join in the load's promise
      // callbacks): one served from stored state before the room existed gets what arrived as fan-out.
      setImmediate(() => {
        const waiting = arriving.get(room.name);
        if (waiting === undefined) return;
        arriving.delete(room.name);
        if (!room.doc.isDestroyed) for (const message of waiting) deliver(room, message);
      });
      // Clients on other instances announce themselves every 15 s; asking spares a new room that wait.
      publish(kinds.queryAwareness, room.name, new Uint8Array(0));
    },
    leave(docName) {
      arriving.delete(docName);
      if (!joined.delete(docName)) return;
      sub.unsubscribe(channelOf(docName)).catch(() => undefined);
    },
    publishUpdate(docName, update) {
      publish(kinds.update, docName, update);
    },
    publishAwareness(docName, update) {
      publish(kinds.awareness, docName, update);
    },
    async ping(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([pub.ping(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      closed = true;
      await Promise.all([sub.quit().catch(() => sub.disconnect()), pub.quit().catch(() => pub.disconnect())]);
    },
  };
}

/** The URL without its password, for logs and errors. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis';
  }
}
