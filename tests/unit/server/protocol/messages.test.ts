import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  decodeMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  type ClientMessage,
  type DecodeResult,
} from '../../../../server/protocol/messages.ts';
import { seededRandom, type Random } from '../../../helpers/seeded-random.ts';

/** Messages built the way y-websocket clients build them, so the tests do not share our encoder's mistakes. */
function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const yjsSyncStep1 = (doc: Y.Doc): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, 0);
    syncProtocol.writeSyncStep1(e, doc);
  });
const yjsSyncStep2 = (doc: Y.Doc, stateVector?: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, 0);
    syncProtocol.writeSyncStep2(e, doc, stateVector);
  });
const yjsUpdate = (update: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, 0);
    syncProtocol.writeUpdate(e, update);
  });
const yjsAwareness = (awareness: awarenessProtocol.Awareness): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [...awareness.getStates().keys()]));
  });
const yjsQueryAwareness = (): Uint8Array => frame((e) => encoding.writeVarUint(e, 3));

/** A document whose updates are longer than 127 bytes, so every length prefix takes a multi-byte varint. */
function populatedDoc(clientID = 1): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  doc.getText('notes').insert(0, 'ສະບາຍດີ xin chào '.repeat(20));
  doc.getMap('grid').set('results', { villages: 3, visited: ['Ban Na', 'Ban Phon'] });
  doc.getArray<number>('cards').push([1, 2, 3]);
  return doc;
}

/** `bytes` placed inside a bigger ArrayBuffer with junk on both sides, as a Uint8Array view of just `bytes`. */
function viewInsideBiggerBuffer(bytes: Uint8Array, before: Uint8Array, after: Uint8Array): Uint8Array {
  const buffer = new Uint8Array(before.length + bytes.length + after.length);
  buffer.set(before, 0);
  buffer.set(bytes, before.length);
  buffer.set(after, before.length + bytes.length);
  return buffer.subarray(before.length, before.length + bytes.length);
}

function decodeOk(data: Uint8Array): ClientMessage {
  const result = decodeMessage(data);
  if (!result.ok) throw new Error(`expected a message, got ${result.reason}`);
  return result.message;
}

describe('decodeMessage on messages built by y-protocols', () => {
  it('reads sync step 1 as the sender\'s state vector', () => {
    const doc = populatedDoc();
    expect(decodeMessage(yjsSyncStep1(doc))).toEqual({
      ok: true,
      message: { kind: 'sync-step1', stateVector: Y.encodeStateVector(doc) },
    });
  });

  it('reads sync step 1 of an empty document', () => {
    expect(decodeOk(yjsSyncStep1(new Y.Doc()))).toEqual({ kind: 'sync-step1', stateVector: Y.encodeStateVector(new Y.Doc()) });
  });

  it('reads sync step 2 as the update that brings the receiver up to date', () => {
    const doc = populatedDoc();
    const receiver = new Y.Doc();
    receiver.getText('notes').insert(0, 'local');
    const message = decodeOk(yjsSyncStep2(doc, Y.encodeStateVector(receiver)));
    expect(message.kind).toBe('sync-step2');
    if (message.kind !== 'sync-step2') return;
    expect(message.update).toEqual(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(receiver)));
    Y.applyUpdate(receiver, message.update);
    expect(receiver.getMap('grid').toJSON()).toEqual(doc.getMap('grid').toJSON());
  });

  it('reads an incremental update as emitted by doc.on("update")', () => {
    const doc = populatedDoc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    doc.getMap('grid').set('question', 'Who decides?');
    expect(updates).toHaveLength(1);
    expect(decodeOk(yjsUpdate(updates[0]!))).toEqual({ kind: 'update', update: updates[0] });
  });

  it('reads an awareness message as the awareness update it carries', () => {
    const awareness = new awarenessProtocol.Awareness(populatedDoc(7));
    awareness.setLocalState({ user: { name: 'Noy', color: '#e07' }, cursor: { anchor: 3, head: 9 } });
    const message = decodeOk(yjsAwareness(awareness));
    expect(message.kind).toBe('awareness');
    if (message.kind !== 'awareness') return;
    const peer = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(peer, message.update, 'test');
    expect(peer.getStates().get(7)).toEqual({ user: { name: 'Noy', color: '#e07' }, cursor: { anchor: 3, head: 9 } });
    awareness.destroy();
    peer.destroy();
  });

  it('reads a query-awareness message', () => {
    expect(decodeMessage(yjsQueryAwareness())).toEqual({ ok: true, message: { kind: 'query-awareness' } });
  });

  it('reads a message that is a view into a bigger buffer, ignoring the bytes around it', () => {
    const doc = populatedDoc();
    const bytes = yjsSyncStep1(doc);
    const view = viewInsideBiggerBuffer(bytes, Uint8Array.of(0, 2, 200, 1), Uint8Array.of(0xff, 0xff, 0xff));
    expect(decodeOk(view)).toEqual({ kind: 'sync-step1', stateVector: Y.encodeStateVector(doc) });
  });
});

describe('encoders produce what y-protocols produces and reads', () => {
  it('encodeSyncStep1 matches writeSyncStep1 byte for byte', () => {
    const doc = populatedDoc();
    expect(encodeSyncStep1(Y.encodeStateVector(doc))).toEqual(yjsSyncStep1(doc));
  });

  it('encodeSyncStep2 matches writeSyncStep2 byte for byte', () => {
    const doc = populatedDoc();
    expect(encodeSyncStep2(Y.encodeStateAsUpdate(doc))).toEqual(yjsSyncStep2(doc));
  });

  it('encodeUpdate matches writeUpdate byte for byte', () => {
    const update = Y.encodeStateAsUpdate(populatedDoc());
    expect(encodeUpdate(update)).toEqual(yjsUpdate(update));
  });

  it('encodeAwareness matches a y-websocket awareness message byte for byte', () => {
    const awareness = new awarenessProtocol.Awareness(populatedDoc(3));
    awareness.setLocalState({ user: { name: 'Kham' } });
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [3]);
    expect(encodeAwareness(update)).toEqual(yjsAwareness(awareness));
    awareness.destroy();
  });

  it('a y-protocols peer applies our sync step 2 and update messages', () => {
    const source = populatedDoc();
    for (const message of [encodeSyncStep2(Y.encodeStateAsUpdate(source)), encodeUpdate(Y.encodeStateAsUpdate(source))]) {
      const peer = new Y.Doc();
      const decoder = decoding.createDecoder(message);
      expect(decoding.readVarUint(decoder)).toBe(0);
      syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), peer, 'test');
      expect(decoding.hasContent(decoder)).toBe(false);
      expect(peer.getText('notes').toString()).toBe(source.getText('notes').toString());
      expect(peer.getMap('grid').toJSON()).toEqual(source.getMap('grid').toJSON());
    }
  });

  it('a y-protocols peer answers our sync step 1 with exactly the missing content', () => {
    const server = populatedDoc(1);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    client.getArray<number>('cards').push([4]);
    const decoder = decoding.createDecoder(encodeSyncStep1(Y.encodeStateVector(server)));
    decoding.readVarUint(decoder);
    const reply = encoding.createEncoder();
    syncProtocol.readSyncMessage(decoder, reply, client, 'test');
    // The reply has no message-type prefix: readSyncMessage writes only the sync part.
    const answer = decodeOk(Uint8Array.of(0, ...encoding.toUint8Array(reply)));
    expect(answer.kind).toBe('sync-step2');
    if (answer.kind !== 'sync-step2') return;
    Y.applyUpdate(server, answer.update);
    expect(server.getArray('cards').toJSON()).toEqual([1, 2, 3, 4]);
  });

  it.each([
    ['empty', new Uint8Array(0)],
    ['one byte', Uint8Array.of(0)],
    ['127 bytes (longest one-byte length prefix)', new Uint8Array(127).fill(9)],
    ['128 bytes (first two-byte length prefix)', new Uint8Array(128).fill(9)],
    ['16 384 bytes (first three-byte length prefix)', new Uint8Array(16_384).fill(9)],
  ])('every encoder round-trips a %s payload through decodeMessage', (_label, payload) => {
    expect(decodeOk(encodeSyncStep1(payload))).toEqual({ kind: 'sync-step1', stateVector: payload });
    expect(decodeOk(encodeSyncStep2(payload))).toEqual({ kind: 'sync-step2', update: payload });
    expect(decodeOk(encodeUpdate(payload))).toEqual({ kind: 'update', update: payload });
    expect(decodeOk(encodeAwareness(payload))).toEqual({ kind: 'awareness', update: payload });
  });
});

describe('decodeMessage refuses malformed frames without throwing', () => {
  const malformed = { ok: false, reason: 'malformed' };
  const unknownType = { ok: false, reason: 'unknown-type' };

  it('an empty frame', () => {
    expect(decodeMessage(new Uint8Array(0))).toEqual(malformed);
  });

  it.each([
    ['type varint cut after a continuation byte', [0x80]],
    ['sync step varint cut', [0, 0x80]],
    ['sync message with no step', [0]],
    ['sync message with no length prefix', [0, 2]],
    ['length varint cut', [0, 2, 0x85]],
    ['awareness message with no length prefix', [1]],
    ['awareness length varint cut', [1, 0xff, 0xff]],
  ])('a truncated varint: %s', (_label, bytes) => {
    expect(decodeMessage(Uint8Array.from(bytes))).toEqual(malformed);
  });

  it('a varint longer than a safe integer', () => {
    expect(decodeMessage(new Uint8Array(12).fill(0xff))).toEqual(malformed);
    expect(decodeMessage(Uint8Array.of(0, 2, ...new Uint8Array(12).fill(0xff), 0))).toEqual(malformed);
  });

  it.each([
    ['sync step 1', 0, 0],
    ['sync step 2', 0, 1],
    ['update', 0, 2],
  ])('a %s whose length prefix is longer than the frame', (_label, type, step) => {
    expect(decodeMessage(Uint8Array.of(type, step, 5, 1, 2, 3, 4))).toEqual(malformed);
    // One byte short is the boundary: exactly the remaining length is accepted.
    expect(decodeMessage(Uint8Array.of(type, step, 4, 1, 2, 3, 4)).ok).toBe(true);
  });

  it('an awareness message whose length prefix is longer than the frame', () => {
    expect(decodeMessage(Uint8Array.of(1, 3, 1, 2))).toEqual(malformed);
    expect(decodeMessage(Uint8Array.of(1, 0x80, 0x01, ...new Uint8Array(127)))).toEqual(malformed);
  });

  it('a lying length prefix when the frame is a view and the bytes it claims exist past the view', () => {
    const update = Y.encodeStateAsUpdate(populatedDoc());
    const honest = encodeUpdate(update);
    // Drop the last payload byte from the view; the buffer behind it still holds it and more.
    const view = viewInsideBiggerBuffer(honest.subarray(0, honest.length - 1), new Uint8Array(0), honest.subarray(honest.length - 1));
    expect(view.buffer.byteLength).toBeGreaterThan(view.length);
    expect(decodeMessage(view)).toEqual(malformed);

    const awareness = viewInsideBiggerBuffer(Uint8Array.of(1, 4, 10, 20), Uint8Array.of(7, 7), Uint8Array.of(30, 40, 50));
    expect(decodeMessage(awareness)).toEqual(malformed);

    const step1 = viewInsideBiggerBuffer(Uint8Array.of(0, 0, 3, 1), Uint8Array.of(0, 0, 3), Uint8Array.of(1, 1, 1, 1));
    expect(decodeMessage(step1)).toEqual(malformed);
  });

  it.each([
    ['sync step 1', () => encodeSyncStep1(Uint8Array.of(1, 2))],
    ['sync step 2', () => encodeSyncStep2(Uint8Array.of(1, 2))],
    ['update', () => encodeUpdate(Uint8Array.of(1, 2))],
    ['awareness', () => encodeAwareness(Uint8Array.of(1, 2))],
    ['query awareness', () => yjsQueryAwareness()],
  ])('a %s message followed by trailing bytes', (_label, build) => {
    const message = build();
    expect(decodeMessage(message).ok).toBe(true);
    expect(decodeMessage(Uint8Array.of(...message, 0))).toEqual(malformed);
    expect(decodeMessage(Uint8Array.of(...message, 0, 2, 0))).toEqual(malformed);
  });

  it('bytes past the end of the view are not read as trailing bytes', () => {
    const message = encodeUpdate(Uint8Array.of(1, 2));
    expect(decodeMessage(viewInsideBiggerBuffer(message, Uint8Array.of(9), Uint8Array.of(0)))).toEqual({
      ok: true,
      message: { kind: 'update', update: Uint8Array.of(1, 2) },
    });
  });

  it.each([
    ['4', [4]],
    ['5 with a payload', [5, 2, 1, 2]],
    ['127', [127]],
    ['128 (two-byte varint)', [0x80, 0x01]],
    ['a huge safe integer', [0xff, 0xff, 0xff, 0xff, 0x0f]],
  ])('an unknown top-level type %s', (_label, bytes) => {
    expect(decodeMessage(Uint8Array.from(bytes))).toEqual(unknownType);
  });

  it('an unknown sync step with a well-formed payload', () => {
    expect(decodeMessage(Uint8Array.of(0, 3, 1, 0))).toEqual(unknownType);
    expect(decodeMessage(Uint8Array.of(0, 0x80, 0x01, 0))).toEqual(unknownType);
  });

  it('an unknown sync step without a payload', () => {
    const result = decodeMessage(Uint8Array.of(0, 3));
    expect(result.ok).toBe(false);
  });

  it('an auth message (type 2), which clients do not send to this server', () => {
    const denied = frame((e) => {
      encoding.writeVarUint(e, 2);
      authProtocol.writePermissionDenied(e, 'nope');
    });
    expect(decodeMessage(denied)).toEqual(unknownType);
    expect(decodeMessage(Uint8Array.of(2))).toEqual(unknownType);
  });
});

// The fuzz: every result must be one of the documented shapes, and a decoded payload must be exactly the
// bytes at the end of the frame (no trailing bytes, nothing read past the view).
const kinds = ['sync-step1', 'sync-step2', 'update', 'awareness', 'query-awareness'] as const;

function assertDocumentedShape(data: Uint8Array, result: DecodeResult): void {
  if (!result.ok) {
    expect(Object.keys(result).sort()).toEqual(['ok', 'reason']);
    expect(['malformed', 'unknown-type']).toContain(result.reason);
    return;
  }
  expect(Object.keys(result).sort()).toEqual(['message', 'ok']);
  const message = result.message;
  expect(kinds).toContain(message.kind);
  if (message.kind === 'query-awareness') {
    expect(Object.keys(message)).toEqual(['kind']);
    return;
  }
  const payload = message.kind === 'sync-step1' ? message.stateVector : message.update;
  expect(Object.keys(message).sort()).toEqual(message.kind === 'sync-step1' ? ['kind', 'stateVector'] : ['kind', 'update']);
  expect(payload).toBeInstanceOf(Uint8Array);
  expect(payload.length).toBeLessThan(data.length);
  if (payload.buffer === data.buffer) {
    expect(payload.byteOffset + payload.length).toBe(data.byteOffset + data.length);
  }
  expect([...payload]).toEqual([...data.subarray(data.length - payload.length)]);
  const reencoded = {
    'sync-step1': encodeSyncStep1,
    'sync-step2': encodeSyncStep2,
    update: encodeUpdate,
    awareness: encodeAwareness,
  }[message.kind](payload);
  expect(decodeMessage(reencoded)).toEqual(result);
}

function validMessage(random: Random): Uint8Array {
  const payload = random.bytes(random.pick([0, 1, 5, 127, 128, 300]));
  return random.pick([
    () => encodeSyncStep1(payload),
    () => encodeSyncStep2(payload),
    () => encodeUpdate(payload),
    () => encodeAwareness(payload),
    () => yjsQueryAwareness(),
    () => yjsSyncStep1(populatedDoc(1 + random.int(1000))),
  ])();
}

function mutate(random: Random, bytes: Uint8Array): Uint8Array {
  const copy = [...bytes];
  const position = random.int(copy.length + 1);
  switch (random.int(5)) {
    case 0:
      if (copy.length > 0) copy[Math.min(position, copy.length - 1)] = random.int(256);
      break;
    case 1:
      copy.length = position;
      break;
    case 2:
      copy.splice(position, 0, ...random.bytes(1 + random.int(4)));
      break;
    case 3:
      copy.splice(position, 1 + random.int(3));
      break;
    default:
      copy.push(...random.bytes(1 + random.int(3)));
  }
  return Uint8Array.from(copy);
}

function fuzzInput(random: Random): Uint8Array {
  const bytes = random.pick([
    () => random.bytes(random.int(24)),
    () => Uint8Array.of(random.int(5), random.int(4), ...random.bytes(random.int(8))),
    () => validMessage(random),
    () => mutate(random, validMessage(random)),
  ])();
  if (random.next() < 0.5) return bytes;
  return viewInsideBiggerBuffer(bytes, random.bytes(random.int(8)), random.bytes(random.int(300)));
}

describe('decodeMessage fuzz', () => {
  it.each([1, 2, 3, 0xdecafbad, 20_261_123])('seed %i: never throws and returns only documented shapes', (seed) => {
    const random = seededRandom(seed);
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const data = fuzzInput(random);
      let result: DecodeResult | undefined;
      expect(() => {
        result = decodeMessage(data);
      }).not.toThrow();
      assertDocumentedShape(data, result!);
      seen.add(result!.ok ? result!.message.kind : result!.reason);
    }
    // Guards the fuzz itself: a generator that only produced garbage would prove little.
    expect([...seen].sort()).toEqual([...kinds, 'malformed', 'unknown-type'].sort());
  });
});
