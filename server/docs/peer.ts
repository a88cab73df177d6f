/** The two things a document room needs from a socket, whatever runtime or library carries it. */
export interface Peer {
  /** Sends one binary message; does nothing once the socket is closing. */
  sendBinary(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Bytes queued in the socket but not yet sent: how the room notices a client that stopped reading. */
  readonly bufferedAmount: number;
}
