import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { adminToken } from './server.ts';

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** A stock y-websocket client, as a browser would use it, with `ws` as its WebSocket. */
export function connectClient(wsUrl: string, docName: string, options: { token?: string | null; doc?: Y.Doc } = {}): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const token = options.token === undefined ? adminToken : options.token;
  const provider = new WebsocketProvider(wsUrl, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: token === null ? {} : { token },
    disableBc: true,
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function synced(client: TestClient): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const onSync = (isSynced: boolean): void => {
      if (!isSynced) return;
      client.provider.off('sync', onSync);
      resolve();
    };
    client.provider.on('sync', onSync);
  });
}

/** Polls `check` until it holds. The bound is generous (machines here are shared and slow at times);
 * it exists so that a failure names what never happened instead of hitting the test timeout. */
export async function waitFor(check: () => boolean, what = 'condition', maxWaitMs = 20_000): Promise<void> {
  const deadline = Date.now() + maxWaitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Two stock clients on one document, synced (with the admin token unless given one); kept in `into` for the test's clean-up. */
export async function syncedPair(wsUrl: string, docName: string, into: TestClient[], token?: string): Promise<[TestClient, TestClient]> {
  const made = [connectClient(wsUrl, docName, { token }), connectClient(wsUrl, docName, { token })] as const;
  into.push(...made);
  await Promise.all(made.map(synced));
  return [made[0], made[1]];
}
