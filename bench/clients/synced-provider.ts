import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/main.ts';

export interface SyncedProvider {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/** A stock y-websocket client in Node, as another participant's laptop, once it has synced. */
export async function connectSynced(server: RunningServer, docName: string, token: string): Promise<SyncedProvider> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, docName, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { doc, provider };
}

/** Destroying the document too stops its awareness timer, which would otherwise keep Node running. */
export function disconnect(client: SyncedProvider): void {
  client.provider.destroy();
  client.doc.destroy();
}
