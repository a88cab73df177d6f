import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServerType } from '@hono/node-server';
import { tryDecodeURI } from 'hono/utils/url';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { ConnectionHandle, Registry } from '../docs/registry.ts';
import type { Logger } from '../log.ts';
import { CloseCodes } from '../protocol/close-codes.ts';
import { binaryFrame } from './binary-frame.ts';
import { decideDocAccess, type AccessPolicy, type DocGrant } from './doc-access.ts';

interface SyncParts {
  registry: Registry;
  policy: AccessPolicy;
  log: Logger;
  maxMessageBytes: number;
}

/**
 * A socket that carries its own document connection, so that every socket shares one set of listeners,
 * which find their state through `this`. A socket keeps nothing of its upgrade request: holding the
 * request, URLs or a per-socket closure for the socket's life costs more than the document itself.
 * The listeners take ws's Node-style arguments, not WHATWG events: Node 20 has no global ErrorEvent or
 * CloseEvent.
 */
class SyncSocket extends WebSocket {
  connection: ConnectionHandle | null = null;
  expiry: NodeJS.Timeout | null = null;
  failure: (Error & { code?: string }) | null = null;

  /**
   * Writes the message as one frame straight to the TCP socket, framed once however many sockets it goes to:
   * a turn's update goes to every connection of a document as the same Uint8Array. ws.send builds a header
   * for each socket and writes header and payload through cork and writev: a fan-out to 49 sockets took
   * 101-105 µs that way against 71-73 µs (p50, loopback). Frames stay in order with those ws writes itself
   * (pings, close): its sender queues nothing when permessage-deflate is off, as it is here, and no Blob is
   * sent, so it too writes each frame at once.
   * `_socket` is ws's own name for the TCP socket and not public API: package.json pins ws to one exact
   * version so that an upgrade is a decision, and sync.test.ts ("each WebSocket length form") fails if the
   * field moves, since every fan-out and sync reply goes through here.
   */
  sendBinary(message: Uint8Array): void {
    if (this.readyState !== WebSocket.OPEN) return;
    let frame = frames.get(message);
    if (frame === undefined) {
      frame = binaryFrame(message);
      frames.set(message, frame);
    }
    (this as unknown as { _socket: Duplex })._socket.write(frame);
  }
}

/** Each message's frame, for as long as the message itself is kept. */
const frames = new WeakMap<Uint8Array, Buffer>();

/**
 * Accepts WebSocket upgrades on `/sync/<doc>`. Access is decided before the socket opens, with the same
 * checks and the same JSON errors as the HTTP API; a refused upgrade gets an HTTP status and no frame.
 */
export function acceptSyncUpgrades(server: ServerType, { registry, policy, log, maxMessageBytes }: SyncParts): void {
  const wss = new WebSocketServer<typeof SyncSocket>({
    noServer: true,
    // ws enforces the frame limit while reading, before a frame is buffered whole, and closes with 1009.
    maxPayload: maxMessageBytes,
    // Already ws's default for servers; SyncSocket.sendBinary relies on it.
    perMessageDeflate: false,
    // The registry knows every open connection; a second set with a close listener per socket adds nothing.
    clientTracking: false,
    WebSocket: SyncSocket,
  });

  // ws calls listeners with the socket as `this`; every socket ws creates here is a SyncSocket.
  function onMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
    const { connection } = this as SyncSocket;
    try {
      if (!isBinary) return connection?.close(CloseCodes.textFrame);
      // The default binary type gives one Buffer per message, a Uint8Array the decoders read in place.
      connection?.receive(data as Buffer);
    } catch (error) {
      log.error('websocket handler failed', { doc: connection?.docName ?? 'unknown', error: String(error) });
    }
  }

  function onError(this: WebSocket, error: Error): void {
    (this as SyncSocket).failure ??= error;
  }

  function onClose(this: WebSocket): void {
    const { connection, expiry, failure } = this as SyncSocket;
    if (expiry) clearTimeout(expiry);
    const doc = connection?.docName ?? 'unknown';
    // ws refuses frames over maxPayload itself (sending 1009 and dropping the socket); the registry never
    // saw them, so the log line is written here.
    if (failure?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
      log.warn('connection closed', { doc, code: CloseCodes.tooBig.code, reason: CloseCodes.tooBig.reason });
    } else if (failure !== null) {
      log.warn('connection error', { doc, error: failure.message });
    }
    try {
      connection?.closed();
    } catch (error) {
      log.error('websocket handler failed', { doc, error: String(error) });
    }
  }

  function open(socket: SyncSocket, docName: string, access: DocGrant, wholeAhead: boolean): void {
    socket.on('message', onMessage);
    socket.on('error', onError);
    socket.on('close', onClose);
    socket.connection = registry.connect(docName, socket, policy.writeRights(access), wholeAhead);
    if (access.expiresAt !== null) {
      // setTimeout caps at ~24.8 days; a token living longer is re-checked when the client reconnects.
      const delay = Math.min(access.expiresAt - Date.now(), 2 ** 31 - 1);
      socket.expiry = setTimeout(closeExpired, delay, socket);
    }
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    // Decoded as Hono decodes c.req.path, so the HTTP API and the upgrade read the same name.
    const path = tryDecodeURI(url.pathname);
    if (path !== '/sync' && !path.startsWith('/sync/')) {
      return refuse(socket, 404, 'not_found', 'There is no WebSocket endpoint at this address.');
    }
    const token = url.searchParams.get('token') ?? undefined;
    const result = decideDocAccess(policy, 'read', path.slice('/sync/'.length), request.headers.authorization, token);
    if (!result.ok) return refuse(socket, result.status, result.error, result.message);
    // `?fresh=1`: the client holds no copy yet and wants the whole document without a round trip.
    const wholeAhead = url.searchParams.get('fresh') === '1';
    wss.handleUpgrade(request, socket, head, (ws) => open(ws, result.docName, result.access, wholeAhead));
  });
}

function closeExpired(socket: SyncSocket): void {
  socket.connection?.close(CloseCodes.unauthorized);
}

/** Answers the upgrade request with an API error and closes the socket, as ws does for a bad handshake. */
function refuse(socket: Duplex, status: number, error: string, message: string): void {
  const body = JSON.stringify({ error, message });
  // The client may already be gone; nothing else listens for this socket's errors after an upgrade.
  socket.on('error', () => socket.destroy());
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\nContent-Type: application/json; charset=UTF-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
