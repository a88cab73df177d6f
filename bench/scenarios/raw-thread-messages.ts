import type { Endpoint } from '../clients/endpoint.ts';
import type { StepReport } from './fan-out-messages.ts';
import type { StepLoad } from './load-clients.ts';
import type { ScheduleTiming } from './send-schedule.ts';

/**
 * What the raw load generator's threads share, on SharedArrayBuffers: each entry has a single writer (the
 * thread holding that client), so plain reads and writes do; a receipt is read only after its update has been
 * through a socket and the server, long after the sender's write.
 */
export interface RoomMemory {
  /** By client: its updates have gone out up to this clock (one clock per update). */
  sentClock: Int32Array;
  /** At receiver × clients + sender: the receiver has the sender's updates up to this clock, without a gap. */
  receivedClock: Int32Array;
  /** At 2 × thread: updates that thread sent in the current step; at 2 × thread + 1: receipts it counted. */
  progress: Float64Array;
}

export function createRoomMemory(totalClients: number, threads: number): RoomMemory {
  const shared = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(bytes);
  return {
    sentClock: new Int32Array(shared(totalClients * 4)),
    receivedClock: new Int32Array(shared(totalClients * totalClients * 4)),
    progress: new Float64Array(shared(threads * 2 * 8)),
  };
}

/** By room update k (sequence × clients + sender), as in the schedule: when it was sent; 0 until then. */
export function createSendTimes(planned: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(planned * 8));
}

/** A thread's `workerData`. */
export interface ThreadSetup {
  endpoint: Endpoint;
  docName: string;
  /** The room's clients this thread holds. */
  indexes: number[];
  totalClients: number;
  /** This thread's place in `progress`. */
  thread: number;
  memory: RoomMemory;
}

export type ToThread =
  | { type: 'prepare'; load: StepLoad; sentAt: Float64Array }
  | { type: 'run'; load: StepLoad & ScheduleTiming }
  | { type: 'collect' }
  | { type: 'close' };

export type FromThread =
  | { type: 'connected' }
  | { type: 'prepared' }
  | { type: 'collected'; report: StepReport }
  | { type: 'error'; message: string };
