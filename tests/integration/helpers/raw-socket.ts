import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';
import { adminToken } from './server.ts';

export interface RawOutcome {
  /** HTTP status when the upgrade was refused. */
  refusedWith?: number;
  closeCode?: number;
  closeReason?: string;
  messages: number;
}

/** A bare WebSocket for sending frames no well-behaved client would send. */
export function openRaw(wsUrl: string, docName: string, token: string | null = adminToken): Promise<{ socket: WebSocket; outcome: Promise<RawOutcome> }> {
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(`${wsUrl}/${docName}${query}`);
  const result: RawOutcome = { messages: 0 };
  socket.on('message', () => result.messages++);
  const outcome = new Promise<RawOutcome>((resolve) => {
    socket.on('unexpected-response', (_request, response) => {
      result.refusedWith = response.statusCode;
      response.resume();
      socket.terminate();
      resolve(result);
    });
    socket.on('close', (code, reason) => {
      result.closeCode = code;
      result.closeReason = reason.toString();
      resolve(result);
    });
    socket.on('error', () => undefined);
  });
  const opened = new Promise<void>((resolve) => {
    socket.once('open', () => resolve());
    void outcome.then(() => resolve());
  });
  return opened.then(() => ({ socket, outcome }));
}

/** An upgrade request by hand: what the server answers before any WebSocket exists. */
export function requestUpgrade(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; contentType: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${baseUrl}${path}`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        'sec-websocket-version': '13',
        ...headers,
      },
    });
    request.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve({ status: response.statusCode ?? 0, contentType: undefined, body: '' });
    });
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'], body }));
    });
    request.on('error', reject);
    request.end();
  });
}
