import WebSocket from 'ws';

/** Messages and bytes this process's clients have received, to see how much each server makes them do. */
export const traffic = { messages: 0, bytes: 0 };

/** The `ws` WebSocket, counting what arrives; handed to both providers as their WebSocket implementation. */
export class CountingWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      traffic.messages++;
      traffic.bytes += Array.isArray(data) ? data.reduce((sum, b) => sum + b.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length;
    });
  }
}
