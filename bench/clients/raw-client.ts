import * as decoding from 'lib0/decoding';
import type * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate, readSyncStep1 } from 'y-protocols/sync';
import type { Endpoint } from './endpoint.ts';
import type { Framing } from './raw-framing.ts';
import { CountingWebSocket } from './traffic.ts';

/**
 * A bare socket speaking a server's sync protocol: the handshake a provider does, its awareness state (sent
 * on open and renewed every 15 s, as providers do; Hocuspocus closes a socket that sends nothing for 60 s),
 * then only the frames it is given. Updates that arrive are handed over undecoded, never applied to a
 * document, and other clients' awareness is ignored, so that receiving costs the load generator little.
 */
export interface RawClient {
  /** Resolves once the server's sync step 2 has arrived, when a provider would say it is synced. */
  readonly synced: Promise<void>;
  send(frame: Uint8Array): void;
  close(): void;
}

/**
 * `doc` answers the handshake (its state vector in step 1, its content in step 2), as a provider's document
 * would; `onUpdate` gets the update carried by every sync step 2 and update message.
 */
export function connectRaw(endpoint: Endpoint, docName: string, doc: Y.Doc, framing: Framing, onUpdate: (update: Uint8Array) => void): RawClient {
  const socket = new CountingWebSocket(socketUrl(endpoint, docName));
  let closing = false;
  let markSynced: () => void = () => {};
  const synced = new Promise<void>((resolve) => (markSynced = resolve));
  const awareness = new Awareness(doc);
  const sendAwareness = (): void => socket.send(framing.awarenessFrame(encodeAwarenessUpdate(awareness, [doc.clientID])));
  awareness.on('update', (_changes: unknown, origin: unknown) => {
    if (origin === 'local' && socket.readyState === socket.OPEN) sendAwareness();
  });
  socket.on('open', () => {
    for (const frame of framing.opening(doc)) socket.send(frame);
    sendAwareness();
  });
  socket.on('message', (data: Buffer) => {
    const decoder = framing.readSync(data);
    if (decoder === null) return;
    const step = decoding.readVarUint(decoder);
    if (step === messageYjsSyncStep1) {
      socket.send(framing.syncFrame((encoder) => readSyncStep1(decoder, encoder, doc)));
    } else if (step === messageYjsSyncStep2 || step === messageYjsUpdate) {
      onUpdate(decoding.readVarUint8Array(decoder));
      if (step === messageYjsSyncStep2) markSynced();
    }
  });
  // A dropped socket shows up as lost receipts; this says why.
  socket.on('close', (code, reason) => {
    if (!closing) console.error(`raw client of ${docName}: closed by the server (${code} ${reason.toString()})`);
  });
  socket.on('error', (error) => console.error(`raw client of ${docName}: ${error.message}`));
  return {
    synced,
    send: (frame) => socket.send(frame),
    close: () => {
      closing = true;
      awareness.destroy();
      socket.close();
    },
  };
}

/** The URL the stock provider of each protocol opens for `docName`. */
function socketUrl(endpoint: Endpoint, docName: string): string {
  if (endpoint.protocol === 'hocuspocus') return endpoint.url;
  const query = new URLSearchParams(endpoint.params).toString();
  return `${endpoint.url}/${docName}${query ? `?${query}` : ''}`;
}
