import type { WSContext } from 'hono/ws';
import type { NodeWebSocket } from '@hono/node-ws';
import type { WebSocket } from 'ws';
import type { ConnectionHandle, Registry } from '../docs/registry.ts';
import type { Logger } from '../log.ts';
import { CloseCodes } from '../protocol/close-codes.ts';
import type { DocEnv } from './doc-access.ts';
import type { Context } from 'hono';

/** Turns an accepted upgrade into a registry connection: the socket becomes a `Peer`. */
export function syncHandler(upgradeWebSocket: NodeWebSocket['upgradeWebSocket'], registry: Registry, log: Logger) {
  return upgradeWebSocket((c: Context<DocEnv>) => {
    const docName = c.get('docName');
    const access = c.get('access');
    let connection: ConnectionHandle | null = null;
    let expiry: NodeJS.Timeout | null = null;
    let socketError: (Error & { code?: string }) | null = null;
    return {
      onOpen(_event, ws: WSContext<WebSocket>) {
        const socket = ws.raw;
        if (!socket) return;
        socket.on('error', (error) => (socketError = error));
        connection = registry.connect(
          docName,
          {
            send: (message) => socket.send(message),
            close: (code, reason) => socket.close(code, reason),
            bufferedAmount: () => socket.bufferedAmount,
          },
          access.level === 'write',
        );
        if (access.expiresAt !== null) {
          // setTimeout caps at ~24.8 days; a token living longer is re-checked when the client reconnects.
          const delay = Math.min(access.expiresAt - Date.now(), 2 ** 31 - 1);
          expiry = setTimeout(() => connection?.close(CloseCodes.unauthorized), delay);
        }
      },
      onMessage(event) {
        if (typeof event.data === 'string') return connection?.close(CloseCodes.textFrame);
        connection?.receive(new Uint8Array(event.data as ArrayBuffer));
      },
      onClose() {
        if (expiry) clearTimeout(expiry);
        // ws refuses frames over maxPayload itself (sending 1009 and dropping the socket); the registry
        // never saw them, so the log line is written here.
        if (socketError?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
          log.warn('connection closed', { doc: docName, code: CloseCodes.tooBig.code, reason: CloseCodes.tooBig.reason });
        } else if (socketError !== null) {
          log.warn('connection error', { doc: docName, error: socketError.message });
        }
        connection?.closed();
      },
    };
  }, {
    onError(error: unknown) {
      // @hono/node-ws reports socket errors as a WHATWG ErrorEvent, which Node 20 lacks; the raw socket's
      // error listener above handles them instead.
      if (error instanceof ReferenceError && error.message.includes('ErrorEvent')) return;
      log.error('websocket handler failed', { doc: 'unknown', error: String(error) });
    },
  });
}
