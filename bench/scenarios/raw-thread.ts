/**
 * One thread of the raw load generator (see fan-out-raw-load.ts): it holds some of the room's raw clients,
 * sends their updates on the room's schedule and counts, at each of its receivers, every other client's
 * updates, reading send times and clocks from the memory all threads share.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { writeUpdate } from 'y-protocols/sync';
import { endpointFor } from '../clients/endpoint.ts';
import { connectRaw, type RawClient } from '../clients/raw-client.ts';
import { framingFor } from '../clients/raw-framing.ts';
import { nowMs } from '../clock.ts';
import type { StepLoad } from './load-clients.ts';
import type { FromThread, ThreadSetup, ToThread } from './raw-thread-messages.ts';
import { countFor, plannedCount, startSchedule, type RunningSchedule, type ScheduleTiming } from './send-schedule.ts';
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
}

interface Step {
  recorder: StepRecorder;
  schedule: RunningSchedule;
  /** By sender: its clock where the step began. */
  startClock: Int32Array;
}

const { endpoint, docName, indexes, totalClients, thread, memory } = workerData as ThreadSetup;
const { sentClock, receivedClock, progress } = memory;
const framing = framingFor(endpoint, docName);
let sentAt: Float64Array = new Float64Array(0);
let step: Step | null = null;
let outOfOrder = 0;

const receive = (receiver: number, update: Uint8Array): void => {
  const now = nowMs();
  const { from, to } = Y.parseUpdateMeta(update);
  const row = receiver * totalClients;
  for (const [clientId, end] of to) {
    const sender = clientId - firstClientId;
    if (sender === receiver || sender < 0 || sender >= totalClients) continue;
    const seen = receivedClock[row + sender]!;
    if (from.get(clientId)! > seen) {
      // A later update before an earlier one: left uncounted, so it shows as missing unless the gap fills.
      if (outOfOrder++ === 0) console.error(`raw clients: client ${receiver} got updates of client ${sender} out of order`);
      continue;
    }
    for (let clock = seen; clock < end; clock++) {
      const seq = step ? clock - step.startClock[sender]! : -1;
      const k = seq * totalClients + sender;
      if (step && seq >= 0 && k < sentAt.length && sentAt[k]! > 0) step.recorder.receivedOne(sender, sentAt[k]!, now);
    }
    receivedClock[row + sender] = Math.max(seen, end);
  }
  if (step) progress[thread * 2 + 1] = step.recorder.received;
};

const members: Member[] = indexes.map((index) => {
  const doc = new Y.Doc();
  doc.clientID = firstClientId + index;
  return { index, doc, client: connectRaw(endpointFor(endpoint, index), docName, doc, framing, (update) => receive(index, update)), frames: [] };
});

function prepare(load: StepLoad): void {
  const planned = plannedCount(load.rate, load.durationMs);
  for (const member of members) {
    const updates: Uint8Array[] = [];
    const collect = (update: Uint8Array): void => {
      updates.push(update);
    };
    member.doc.on('update', collect);
    const array = member.doc.getArray(load.arrayName);
    for (let q = 0, count = countFor(member.index, planned, totalClients); q < count; q++) array.push([{ s: member.index, q }]);
    member.doc.off('update', collect);
    // Receipts are counted by clock: that needs each update to be exactly one clock tick.
    if (Y.getState(member.doc.store, member.doc.clientID) !== sentClock[member.index]! + updates.length) throw new Error('raw clients: an update is not one clock tick');
    member.frames = updates.map((update) => framing.syncFrame((encoder) => writeUpdate(encoder, update)));
  }
}

function run(load: StepLoad & ScheduleTiming): void {
  const recorder = new StepRecorder(load.startAt, load.durationMs);
  // Every thread has finished the previous step, so every sender's clock is final.
  const startClock = Int32Array.from(sentClock);
  const schedule = startSchedule(load, new Map(members.map((m) => [m.index, m])), (member, seq, t) => {
    sentAt[seq * totalClients + member.index] = t;
    member.client.send(member.frames[seq]!);
    sentClock[member.index]!++;
    recorder.sentOne(member.index);
    progress[thread * 2] = recorder.sent;
  });
  step = { recorder, schedule, startClock };
}

function collect(): FromThread {
  if (step === null) throw new Error('raw clients: collect without run');
  const { recorder, schedule, startClock } = step;
  schedule.stop();
  step = null;
  // Updates the window had no time for still go out, after it: the next step's updates build on
  // them, and a server holds an update back until it has everything before it.
  for (const member of members) {
    for (const frame of member.frames.slice(sentClock[member.index]! - startClock[member.index]!)) member.client.send(frame);
    sentClock[member.index] = startClock[member.index]! + member.frames.length;
    member.frames = [];
  }
  return { type: 'collected', report: recorder.report(schedule) };
}

function close(): void {
  for (const member of members) {
    member.client.close();
    member.doc.destroy();
  }
}

function handle(message: ToThread): FromThread | null {
  switch (message.type) {
    case 'prepare':
      sentAt = message.sentAt;
      prepare(message.load);
      return { type: 'prepared' };
    case 'run':
      run(message.load);
      return null;
    case 'collect':
      return collect();
    case 'close':
      close();
      return null;
  }
}

const port = parentPort!;
port.on('message', (message: ToThread) => {
  try {
    const reply = handle(message);
    if (reply) port.postMessage(reply);
  } catch (error) {
    port.postMessage({ type: 'error', message: String(error) } satisfies FromThread);
  }
});
void Promise.all(members.map((m) => m.client.synced)).then(() => port.postMessage({ type: 'connected' } satisfies FromThread));
