import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { TlsFiles } from '../../server/config.ts';
import { adminToken, makeDataDir, startTestServer } from './helpers/server.ts';
import { waitFor } from './helpers/clients.ts';

const fixtures = fileURLToPath(new URL('../fixtures/tls/', import.meta.url));
const tls: TlsFiles = { certFile: `${fixtures}cert.pem`, keyFile: `${fixtures}key.pem` };
// Trusting the test certificate, as a venue laptop trusts the facilitator's once it is installed.
const ca = readFileSync(tls.certFile);

class TrustingWebSocket extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols, { ca });
  }
}

let data: Awaited<ReturnType<typeof makeDataDir>>;
beforeEach(async () => {
  data = await makeDataDir();
});
afterEach(() => data.remove());

function httpsJson(url: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    }).on('error', reject);
  });
}

test('with a certificate the server speaks https and wss, and stock clients sync over it', async () => {
  const server = await startTestServer(data.dir, { tls });
  try {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await httpsJson(`${server.url}/healthz`);
    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });

    const clients = ['ana', 'binh'].map(() => {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(`wss://127.0.0.1:${server.port}/sync`, 'route/tls/river', doc, {
        WebSocketPolyfill: TrustingWebSocket as unknown as typeof globalThis.WebSocket,
        params: { token: adminToken },
        disableBc: true,
      });
      return { doc, provider };
    });
    clients[0]!.doc.getMap('cards').set('a', 'written over wss');
    await waitFor(() => clients[1]!.doc.getMap('cards').get('a') === 'written over wss', 'the edit crossing wss');
    for (const { provider, doc } of clients) {
      provider.destroy();
      doc.destroy();
    }
  } finally {
    await server.close();
  }
});

test('a plain http request to the https port gets no page', async () => {
  const server = await startTestServer(data.dir, { tls });
  try {
    const plain = server.url.replace('https:', 'http:');
    await expect(fetch(`${plain}/healthz`)).rejects.toThrow();
  } finally {
    await server.close();
  }
});

test('a missing certificate file stops the start with a message naming the setting and the file', async () => {
  const missing = { ...tls, certFile: `${fixtures}no-such-cert.pem` };
  await expect(startTestServer(data.dir, { tls: missing })).rejects.toThrow(
    /Cannot read the TLS certificate \(TRIBUTARY_TLS_CERT\) .*no-such-cert\.pem/,
  );
});
