/**
 * The y-websocket wire format (see y-protocols' PROTOCOL.md), decoded into typed messages.
 *
 *   message       = varUint(type) payload
 *   sync (0)      = varUint(step) varUint8Array(stateVector | update)   step: 0 step1, 1 step2, 2 update
 *   awareness (1) = varUint8Array(awarenessUpdate)
 *   queryAwareness (3) = (empty)
 *
 * Decoding is strict: a lying length prefix, trailing bytes or an unknown type is a malformed message,
 * reported as a value, never thrown, so the connection can close with a precise code.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
export const SyncStep = { step1: 0, step2: 1, update: 2 } as const;

export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' };

export type DecodeFailure = 'malformed' | 'unknown-type';
export type DecodeResult = { ok: true; message: ClientMessage } | { ok: false; reason: DecodeFailure };

export function decodeMessage(data: Uint8Array): DecodeResult {
  try {
    const decoder = decoding.createDecoder(data);
    const message = readMessage(decoder);
    if (message === null) return { ok: false, reason: 'unknown-type' };
    if (decoding.hasContent(decoder)) return { ok: false, reason: 'malformed' };
    return { ok: true, message };
  } catch {
    // lib0 throws on reads past the end (including lying varUint8Array lengths) and on overlong varints.
    return { ok: false, reason: 'malformed' };
  }
}

function readMessage(decoder: decoding.Decoder): ClientMessage | null {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.sync: {
      const step = decoding.readVarUint(decoder);
      const payload = readExactUint8Array(decoder);
      if (step === SyncStep.step1) return { kind: 'sync-step1', stateVector: payload };
      if (step === SyncStep.step2) return { kind: 'sync-step2', update: payload };
      if (step === SyncStep.update) return { kind: 'update', update: payload };
      return null;
    }
    case MessageType.awareness:
      return { kind: 'awareness', update: readExactUint8Array(decoder) };
    case MessageType.queryAwareness:
      return { kind: 'query-awareness' };
    default:
      return null;
  }
}

/** lib0's readVarUint8Array trusts the length prefix; a Uint8Array view past the end throws a RangeError,
 * but only when the length exceeds the underlying buffer, not the decoder's view of it. Check explicitly. */
function readExactUint8Array(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder);
  if (length > decoder.arr.length - decoder.pos) throw new RangeError('length prefix past end of message');
  return decoding.readUint8Array(decoder, length);
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeSync(SyncStep.step1, stateVector);
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeSync(SyncStep.step2, update);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return encodeSync(SyncStep.update, update);
}

export function encodeAwareness(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return encoding.toUint8Array(encoder);
}

function encodeSync(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}
