import * as Y from 'yjs';
import { writeUpdate } from 'y-protocols/sync';
import { connectRaw, type RawClient } from '../clients/raw-client.ts';
import { framingFor, type Framing } from '../clients/raw-framing.ts';
import { nowMs } from '../clock.ts';
import { waitUntilNoneMissing, type LoadClients } from './load-clients.ts';
import { countFor, plannedCount, startSchedule } from './send-schedule.ts';
import { StepRecorder } from './step-recorder.ts';

/**
 * Fixed client IDs, so that a receiver tells the sender of an update from its client ID alone. The servers'
 * own documents have random 32-bit IDs and write nothing in this scenario.
 */
const firstClientId = 1_000_000;

interface Member {
  index: number;
  /** Makes this client's updates (ahead of each step) and answers the handshake; never receives anything. */
  doc: Y.Doc;
  client: RawClient;
  /** The current step's updates, framed and ready to send, in clock order. */
  frames: Uint8Array[];
  /** This client's updates have gone out up to this clock (one clock per update). */
  sentClock: number;
  /** By sender: this client has received that sender's updates up to this clock, without a gap. */
  receivedClock: Float64Array;
}

interface Step {
  recorder: StepRecorder;
  /** By sender: its clock where the step began. */
  startClock: Float64Array;
  /** By room update k (sequence × clients + sender), as in the schedule: when it was sent. */
  sentAt: Float64Array;
}

/**
 * Raw sockets: every update of a step is made and framed before the step starts, so that sending is only
 * `socket.send`; receivers never decode an update into a document: `Y.parseUpdateMeta` gives the clock range
 * of each sender an update carries (servers that merge a turn's updates send several senders in one), and
 * the range gives which of the sender's updates arrived and when each was sent. All clients must be in this
 * one process, for every receiver to read every sender's send times.
 */
export function rawLoad(): LoadClients {
  let members: Member[] = [];
  let framing: Framing | null = null;
  let step: Step | null = null;
  let outOfOrder = 0;

  const receive = (receiver: Member, update: Uint8Array): void => {
    const now = nowMs();
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [clientId, end] of to) {
      const sender = clientId - firstClientId;
      if (sender === receiver.index || sender < 0 || sender >= members.length) continue;
      const seen = receiver.receivedClock[sender]!;
      if (from.get(clientId)! > seen) {
        // A later update before an earlier one: left uncounted, so it shows as missing unless the gap fills.
        if (outOfOrder++ === 0) console.error(`raw clients: client ${receiver.index} got updates of client ${sender} out of order`);
        continue;
      }
      for (let clock = seen; clock < end; clock++) {
        const seq = step ? clock - step.startClock[sender]! : -1;
        const k = seq * members.length + sender;
        if (step && seq >= 0 && k < step.sentAt.length && step.sentAt[k]! > 0) step.recorder.receivedOne(sender, step.sentAt[k]!, now);
      }
      receiver.receivedClock[sender] = Math.max(seen, end);
    }
  };

  return {
    async connect(endpoint, docName, indexes) {
      const roomFraming = framingFor(endpoint, docName);
      framing = roomFraming;
      members = indexes.map((index) => {
        const doc = new Y.Doc();
        doc.clientID = firstClientId + index;
        const member: Member = {
          index,
          doc,
          client: connectRaw(endpoint, docName, doc, roomFraming, (update) => receive(member, update)),
          frames: [],
          sentClock: 0,
          receivedClock: new Float64Array(indexes.length),
        };
        return member;
      });
      await Promise.all(members.map((m) => m.client.synced));
    },
    prepare(load) {
      const roomFraming = framing;
      if (roomFraming === null) throw new Error('raw clients: prepare before connect');
      if (load.totalClients !== members.length) throw new Error(`raw clients: all ${load.totalClients} must be in one load-generating process`);
      const planned = plannedCount(load.rate, load.durationMs);
      for (const member of members) {
        const updates: Uint8Array[] = [];
        const collect = (update: Uint8Array): void => {
          updates.push(update);
        };
        member.doc.on('update', collect);
        const array = member.doc.getArray(load.arrayName);
        for (let q = 0, count = countFor(member.index, planned, members.length); q < count; q++) array.push([{ s: member.index, q }]);
        member.doc.off('update', collect);
        // Receipts are counted by clock: that needs each update to be exactly one clock tick.
        if (Y.getState(member.doc.store, member.doc.clientID) !== member.sentClock + updates.length) throw new Error('raw clients: an update is not one clock tick');
        member.frames = updates.map((update) => roomFraming.syncFrame((encoder) => writeUpdate(encoder, update)));
      }
    },
    run(load) {
      const recorder = new StepRecorder(load.startAt, load.durationMs);
      const current: Step = {
        recorder,
        startClock: Float64Array.from(members, (m) => m.sentClock),
        sentAt: new Float64Array(plannedCount(load.rate, load.durationMs)),
      };
      step = current;
      const schedule = startSchedule(load, new Map(members.map((m) => [m.index, m])), (member, seq, t) => {
        current.sentAt[seq * members.length + member.index] = t;
        member.client.send(member.frames[seq]!);
        member.sentClock++;
        recorder.sentOne(member.index);
      });
      return {
        progress: () => ({ sent: recorder.sent, received: recorder.received }),
        collect: () => {
          schedule.stop();
          step = null;
          // Updates the window had no time for still go out, after it: the next step's updates build on
          // them, and a server holds an update back until it has everything before it.
          for (const member of members) {
            for (const frame of member.frames.slice(member.sentClock - current.startClock[member.index]!)) member.client.send(frame);
            member.sentClock = current.startClock[member.index]! + member.frames.length;
            member.frames = [];
          }
          return recorder.report(schedule);
        },
      };
    },
    audit(_lengths, waitMs) {
      // Every sender is in this process, so what each receiver lacks is known by clock, step by step alike.
      const missing = (): number => {
        let count = 0;
        for (const receiver of members) {
          for (const sender of members) if (sender !== receiver) count += sender.sentClock - receiver.receivedClock[sender.index]!;
        }
        return count;
      };
      return waitUntilNoneMissing(missing, waitMs);
    },
    close() {
      for (const member of members) {
        member.client.close();
        member.doc.destroy();
      }
    },
  };
}
