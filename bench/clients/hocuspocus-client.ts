import type * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { BenchClient } from './bench-client.ts';
import { CountingWebSocket } from './traffic.ts';

/** One socket per client, as a browser tab with one board open would have. */
export function connectHocuspocus(url: string, docName: string, doc: Y.Doc): BenchClient {
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: CountingWebSocket });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: docName, document: doc });
  // A provider handed a socket does not attach itself; the `url` form would, but its type takes no polyfill.
  provider.attach();
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) return resolve();
    provider.on('synced', () => resolve());
  });
  return {
    doc,
    synced,
    destroy: () => {
      provider.destroy();
      socket.destroy();
      doc.destroy();
    },
  };
}
