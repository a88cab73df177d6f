import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { BenchClient } from './bench-client.ts';
import { CountingWebSocket } from './traffic.ts';

// Each provider adds a process 'exit' listener; a bench process holds up to 200 providers on purpose.
process.setMaxListeners(0);

export function connectYWebsocket(url: string, params: Record<string, string>, docName: string, doc: Y.Doc): BenchClient {
  const provider = new WebsocketProvider(url, docName, doc, {
    WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
    params,
    // Node has a global BroadcastChannel: without this, providers of one room in one process would pass
    // updates to each other directly and the server would not be measured.
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) return resolve();
    provider.once('sync', (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    synced,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}
