import type { Endpoint } from '../clients/endpoint.ts';
import type { Histogram } from '../stats/histogram.ts';
import type { StepLoad } from './load-clients.ts';

/** Real providers with their documents, or raw sockets that only send ready frames and read update headers. */
export type ClientKind = 'providers' | 'raw';

export type ToWorker =
  | { type: 'connect'; endpoint: Endpoint; docName: string; clients: number[] }
  | { type: 'prepare'; load: StepLoad }
  | { type: 'run'; load: StepLoad; startAt: number }
  | { type: 'progress' }
  | { type: 'collect' }
  /** Waits up to `waitMs` for every client to hold every update of the run; replies with what is missing. */
  | { type: 'audit'; lengths: Record<string, number>; waitMs: number }
  | { type: 'close' };

export interface StepReport {
  /** Updates sent, by sender. */
  sentBy: Record<number, number>;
  /** Distinct receipts, by sender, summed over this worker's receivers. */
  receivedFrom: Record<number, number>;
  latency: Histogram;
  /** Latency by quarter of the send window, to see a backlog grow. */
  byQuarter: Histogram[];
  /** See RunningSchedule.lagMs. */
  sendLagMs: number;
  cpuMs: number;
  /** WebSocket messages and bytes this worker's clients received during the step. */
  messagesReceived: number;
  bytesReceived: number;
}

export type FromWorker =
  | { type: 'connected' }
  | { type: 'prepared' }
  | { type: 'progress'; sent: number; received: number }
  | { type: 'collected'; report: StepReport }
  | { type: 'audited'; missing: number }
  | { type: 'error'; message: string };
