/**
 * One unmasked WebSocket binary frame holding the whole message (RFC 6455, section 5.2): what a server sends.
 * The payload length takes 7 bits up to 125 bytes, then 16 bits (marker 126), then 64 bits (marker 127).
 */
export function binaryFrame(message: Uint8Array): Buffer {
  const length = message.byteLength;
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  // FIN, no extension bits, opcode 2 (binary).
  frame[0] = 0x82;
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(message, headerLength);
  return frame;
}
