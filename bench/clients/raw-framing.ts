/**
 * The two wire framings the bench's raw clients speak, built from the encoders the stock providers use
 * (y-protocols' sync messages, Hocuspocus's own auth encoder), so the bytes match what a provider sends.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type * as Y from 'yjs';
import { writeSyncStep1 } from 'y-protocols/sync';
import { messageAwareness, messageSync } from 'y-websocket';
import { writeAuthentication } from '@hocuspocus/common';
import { MessageType } from '@hocuspocus/provider';
import type { Endpoint } from './endpoint.ts';

export interface Framing {
  /** What the stock provider sends as soon as its socket opens, before its awareness state. */
  opening(doc: Y.Doc): Uint8Array[];
  /** A sync message (step 1, step 2 or update) framed for this server. */
  syncFrame(write: (encoder: encoding.Encoder) => void): Uint8Array;
  awarenessFrame(update: Uint8Array): Uint8Array;
  /** A decoder at the sync step of a sync message; null for anything else (awareness, auth, acknowledgements). */
  readSync(frame: Uint8Array): decoding.Decoder | null;
}

export function framingFor(endpoint: Endpoint, docName: string): Framing {
  return endpoint.protocol === 'hocuspocus' ? hocuspocusFraming(docName) : yWebsocketFraming();
}

/**
 * Both framings: an optional address, then varUint(message type) and the message; `address` writes and
 * `skipAddress` reads what comes before the type.
 */
function framing(types: { sync: number; awareness: number }, address: (encoder: encoding.Encoder) => void, skipAddress: (decoder: decoding.Decoder) => void) {
  const frame = (type: number, write: (encoder: encoding.Encoder) => void): Uint8Array => {
    const encoder = encoding.createEncoder();
    address(encoder);
    encoding.writeVarUint(encoder, type);
    write(encoder);
    return encoding.toUint8Array(encoder);
  };
  const syncFrame = (write: (encoder: encoding.Encoder) => void): Uint8Array => frame(types.sync, write);
  return {
    frame,
    syncFrame,
    awarenessFrame: (update: Uint8Array) => frame(types.awareness, (encoder) => encoding.writeVarUint8Array(encoder, update)),
    step1: (doc: Y.Doc) => syncFrame((encoder) => writeSyncStep1(encoder, doc)),
    readSync(data: Uint8Array): decoding.Decoder | null {
      const decoder = decoding.createDecoder(data);
      skipAddress(decoder);
      return decoding.readVarUint(decoder) === types.sync ? decoder : null;
    },
  };
}

/** y-protocols framing, as y-websocket's provider and server use it: no address, the socket is the room. */
function yWebsocketFraming(): Framing {
  const base = framing({ sync: messageSync, awareness: messageAwareness }, () => {}, () => {});
  return { ...base, opening: (doc) => [base.step1(doc)] };
}

/**
 * @hocuspocus/provider 4: every frame starts with varString(document name); on open the provider sends its
 * AuthenticationMessage (type Auth, a token, its version) and then SyncStepOneMessage without waiting for the
 * answer (HocuspocusProvider.onOpen), the server queueing the second until authentication has passed.
 */
function hocuspocusFraming(docName: string): Framing {
  const version = hocuspocusProviderVersion();
  const base = framing(
    { sync: MessageType.Sync, awareness: MessageType.Awareness },
    (encoder) => encoding.writeVarString(encoder, docName),
    (decoder) => decoding.readVarString(decoder),
  );
  const authentication = base.frame(MessageType.Auth, (encoder) => {
    // The provider's default token is null, sent as "" (HocuspocusProvider.sendToken).
    writeAuthentication(encoder, '');
    encoding.writeVarString(encoder, version);
  });
  return { ...base, opening: (doc) => [authentication, base.step1(doc)] };
}

/** The version the real provider announces (its build inlines it; its package.json is not exported). */
function hocuspocusProviderVersion(): string {
  const main = createRequire(import.meta.url).resolve('@hocuspocus/provider');
  return (JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as { version: string }).version;
}
